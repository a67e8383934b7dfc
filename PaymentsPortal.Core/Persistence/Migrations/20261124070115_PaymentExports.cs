using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PaymentsPortal.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PaymentExports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Search indexes PostgreSQL needs but EF cannot describe. The email filter compares lower(customer_email),
            // so a case-insensitive exact match is an index range scan already in created_at order. The description's
            // trigram index lets "words of the description" avoid reading a merchant's whole partition when few match.
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
            migrationBuilder.Sql("CREATE INDEX ix_payments_customer_email_lower ON payments (merchant_id, lower(customer_email), created_at, id) WHERE customer_email IS NOT NULL;");
            migrationBuilder.Sql("CREATE INDEX ix_payments_gateway_reference ON payments (merchant_id, gateway_reference) WHERE gateway_reference IS NOT NULL;");
            migrationBuilder.Sql("CREATE INDEX ix_payments_description_trgm ON payments USING gin (description gin_trgm_ops) WHERE description IS NOT NULL;");

            migrationBuilder.CreateTable(
                name: "payment_exports",
                columns: table => new
                {
                    merchant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    requested_by = table.Column<Guid>(type: "uuid", nullable: false),
                    requested_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    filter_json = table.Column<string>(type: "jsonb", nullable: false),
                    sort = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    expected_rows = table.Column<long>(type: "bigint", nullable: true),
                    rows_written = table.Column<long>(type: "bigint", nullable: false),
                    emails_masked = table.Column<bool>(type: "boolean", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    failure = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payment_exports", x => new { x.merchant_id, x.id });
                    table.ForeignKey(
                        name: "fk_payment_exports_merchants_merchant_id",
                        column: x => x.merchant_id,
                        principalTable: "merchants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_payment_exports_merchant_id_requested_at",
                table: "payment_exports",
                columns: new[] { "merchant_id", "requested_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_payments_description_trgm;");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_payments_gateway_reference;");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_payments_customer_email_lower;");

            migrationBuilder.DropTable(
                name: "payment_exports");
        }
    }
}
