using System;
using Microsoft.EntityFrameworkCore.Migrations;
using PersonalBudgets.Data.Reporting;

#nullable disable

namespace PersonalBudgets.Data.Migrations.Sqlite
{
    /// <summary>
    /// The UK day each step was completed, so the dashboard counts steps done late in the database (issue 12). Steps
    /// completed before this migration are filled from their completion time by <see cref="StepCompletedOnSql"/>.
    /// </summary>
    public partial class StepCompletedOn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "CompletedOn",
                table: "PathwaySteps",
                type: "TEXT",
                nullable: true);

            migrationBuilder.Sql(StepCompletedOnSql.Sqlite);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CompletedOn",
                table: "PathwaySteps");
        }
    }
}
