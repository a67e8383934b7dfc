using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PaymentsPortal.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class WorkspaceIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_payments_merchant_id_amount_minor_id",
                table: "payments",
                columns: new[] { "merchant_id", "amount_minor", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_merchant_id_target_type_target_id_sequence",
                table: "audit_entries",
                columns: new[] { "merchant_id", "target_type", "target_id", "sequence" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_payments_merchant_id_amount_minor_id",
                table: "payments");

            migrationBuilder.DropIndex(
                name: "ix_audit_entries_merchant_id_target_type_target_id_sequence",
                table: "audit_entries");
        }
    }
}
