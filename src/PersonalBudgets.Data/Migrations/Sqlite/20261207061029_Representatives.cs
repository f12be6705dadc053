using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PersonalBudgets.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Representatives : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<Guid>(
                name: "PersonId",
                table: "PersonAccounts",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "TEXT");

            migrationBuilder.AddColumn<string>(
                name: "DisplayName",
                table: "PersonAccounts",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "RecordGrants",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RepresentativeName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Relationship = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Scopes = table.Column<int>(type: "INTEGER", nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    LegalBasis = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    LegalReference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    LegalDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    GrantedByKind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    GrantedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    GrantedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    InvitationCodeHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    InvitationExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AcceptedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EndedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecordGrants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RecordGrants_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RecordGrants_PersonAccounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "PersonAccounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RecordGrants_AccountId",
                table: "RecordGrants",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_RecordGrants_InvitationCodeHash",
                table: "RecordGrants",
                column: "InvitationCodeHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RecordGrants_PersonId_CreatedAt",
                table: "RecordGrants",
                columns: new[] { "PersonId", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RecordGrants");

            migrationBuilder.DropColumn(
                name: "DisplayName",
                table: "PersonAccounts");

            migrationBuilder.AlterColumn<Guid>(
                name: "PersonId",
                table: "PersonAccounts",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "TEXT",
                oldNullable: true);
        }
    }
}
