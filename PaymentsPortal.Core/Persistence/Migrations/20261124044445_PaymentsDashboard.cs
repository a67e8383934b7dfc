using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PaymentsPortal.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PaymentsDashboard : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_payments_merchant_id_created_at",
                table: "payments");

            migrationBuilder.CreateIndex(
                name: "ix_payments_merchant_id_created_at",
                table: "payments",
                columns: new[] { "merchant_id", "created_at" })
                .Annotation("Npgsql:IndexInclude", new[] { "status", "currency_code", "gateway", "captured_minor", "refunded_minor", "failed_over" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_payments_merchant_id_created_at",
                table: "payments");

            migrationBuilder.CreateIndex(
                name: "ix_payments_merchant_id_created_at",
                table: "payments",
                columns: new[] { "merchant_id", "created_at" });
        }
    }
}
