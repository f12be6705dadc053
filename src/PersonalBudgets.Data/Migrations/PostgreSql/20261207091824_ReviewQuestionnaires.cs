using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PersonalBudgets.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ReviewQuestionnaires : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReviewQuestionnaires",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReviewId = table.Column<Guid>(type: "uuid", nullable: true),
                    EasyToGetBudget = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    InControl = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    HelpedLiveLife = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    TreatedWithRespect = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    AboutTheProcess = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    AuthorKind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    AuthorId = table.Column<Guid>(type: "uuid", nullable: false),
                    AuthorName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    UpdatedByKind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewQuestionnaires", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReviewQuestionnaires_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReviewQuestionnaires_Reviews_ReviewId",
                        column: x => x.ReviewId,
                        principalTable: "Reviews",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_ReviewQuestionnaires_SupportPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "SupportPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReviewQuestionnaireOutcomes",
                columns: table => new
                {
                    PlanOutcomeId = table.Column<Guid>(type: "uuid", nullable: false),
                    QuestionnaireId = table.Column<Guid>(type: "uuid", nullable: false),
                    OutcomeText = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    HowItWent = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    InOwnWords = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewQuestionnaireOutcomes", x => new { x.QuestionnaireId, x.PlanOutcomeId });
                    table.ForeignKey(
                        name: "FK_ReviewQuestionnaireOutcomes_ReviewQuestionnaires_Questionna~",
                        column: x => x.QuestionnaireId,
                        principalTable: "ReviewQuestionnaires",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewQuestionnaires_OnePerReview",
                table: "ReviewQuestionnaires",
                column: "ReviewId",
                unique: true,
                filter: "\"ReviewId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewQuestionnaires_OneWaitingPerPlan",
                table: "ReviewQuestionnaires",
                column: "PlanId",
                unique: true,
                filter: "\"ReviewId\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewQuestionnaires_PersonId",
                table: "ReviewQuestionnaires",
                column: "PersonId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReviewQuestionnaireOutcomes");

            migrationBuilder.DropTable(
                name: "ReviewQuestionnaires");
        }
    }
}
