using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PersonalBudgets.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AccountsBelongToAgreements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "DirectPaymentAgreementId",
                table: "DirectPaymentAccounts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EndReason",
                table: "CommissionedServices",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_DirectPaymentAccounts_DirectPaymentAgreementId",
                table: "DirectPaymentAccounts",
                column: "DirectPaymentAgreementId");

            migrationBuilder.AddForeignKey(
                name: "FK_DirectPaymentAccounts_DirectPayments_DirectPaymentAgreementId",
                table: "DirectPaymentAccounts",
                column: "DirectPaymentAgreementId",
                principalTable: "DirectPayments",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_DirectPaymentAccounts_DirectPayments_DirectPaymentAgreementId",
                table: "DirectPaymentAccounts");

            migrationBuilder.DropIndex(
                name: "IX_DirectPaymentAccounts_DirectPaymentAgreementId",
                table: "DirectPaymentAccounts");

            migrationBuilder.DropColumn(
                name: "DirectPaymentAgreementId",
                table: "DirectPaymentAccounts");

            migrationBuilder.DropColumn(
                name: "EndReason",
                table: "CommissionedServices");
        }
    }
}
