using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PersonalBudgets.Data.Migrations.PostgreSql
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
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EndReason",
                table: "CommissionedServices",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_DirectPaymentAccounts_DirectPaymentAgreementId",
                table: "DirectPaymentAccounts",
                column: "DirectPaymentAgreementId");

            migrationBuilder.AddForeignKey(
                name: "FK_DirectPaymentAccounts_DirectPayments_DirectPaymentAgreement~",
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
                name: "FK_DirectPaymentAccounts_DirectPayments_DirectPaymentAgreement~",
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
