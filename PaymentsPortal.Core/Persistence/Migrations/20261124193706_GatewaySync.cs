using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PaymentsPortal.Core.Persistence.Migrations
{
    /// <summary>
    /// The gateway sync's cursor and lease per merchant and gateway, and the disputes and payouts that
    /// gateway events report (by webhook, or read back by the sync).
    /// </summary>
    public partial class GatewaySync : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "disputes",
                columns: table => new
                {
                    merchant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    gateway = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    gateway_reference = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    payment_id = table.Column<Guid>(type: "uuid", nullable: true),
                    charge_reference = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    amount_minor = table.Column<long>(type: "bigint", nullable: false),
                    currency_code = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    reason = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    gateway_status = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    evidence_due_by = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reported_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_disputes", x => new { x.merchant_id, x.id });
                    table.CheckConstraint("ck_disputes_amount", "amount_minor >= 0");
                    table.ForeignKey(
                        name: "fk_disputes_merchants_merchant_id",
                        column: x => x.merchant_id,
                        principalTable: "merchants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "gateway_sync_cursors",
                columns: table => new
                {
                    merchant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    gateway = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    synced_through = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    leased_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_run_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_success_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_error = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    last_caught = table.Column<int>(type: "integer", nullable: false),
                    total_caught = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_gateway_sync_cursors", x => new { x.merchant_id, x.gateway });
                    table.ForeignKey(
                        name: "fk_gateway_sync_cursors_merchants_merchant_id",
                        column: x => x.merchant_id,
                        principalTable: "merchants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "payouts",
                columns: table => new
                {
                    merchant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    gateway = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    gateway_reference = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    amount_minor = table.Column<long>(type: "bigint", nullable: false),
                    currency_code = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    gateway_status = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    arrival_date = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    statement_descriptor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    failure_code = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    failure_message = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reported_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payouts", x => new { x.merchant_id, x.id });
                    table.ForeignKey(
                        name: "fk_payouts_merchants_merchant_id",
                        column: x => x.merchant_id,
                        principalTable: "merchants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_disputes_merchant_id_gateway_gateway_reference",
                table: "disputes",
                columns: new[] { "merchant_id", "gateway", "gateway_reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_disputes_merchant_id_opened_at_id",
                table: "disputes",
                columns: new[] { "merchant_id", "opened_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_disputes_merchant_id_payment_id",
                table: "disputes",
                columns: new[] { "merchant_id", "payment_id" },
                filter: "payment_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_disputes_merchant_id_status_evidence_due_by",
                table: "disputes",
                columns: new[] { "merchant_id", "status", "evidence_due_by" });

            migrationBuilder.CreateIndex(
                name: "ix_payouts_merchant_id_arrival_date_id",
                table: "payouts",
                columns: new[] { "merchant_id", "arrival_date", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_payouts_merchant_id_gateway_gateway_reference",
                table: "payouts",
                columns: new[] { "merchant_id", "gateway", "gateway_reference" },
                unique: true);

            // Inbound webhooks are kept as received and never deleted by the app; this procedure, run as the owner, is the one
            // way old ones go. It refuses a cutoff younger than 35 days, so an event the gateway sync may still read back (29 days)
            // is still there to be recognised, and it never removes an event still waiting or one that failed (a person's to see).
            migrationBuilder.Sql("""
                CREATE FUNCTION webhook_inbox_apply_retention(p_cutoff timestamptz, p_limit integer)
                RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
                DECLARE
                    v_count bigint;
                BEGIN
                    IF p_cutoff > now() - interval '35 days' THEN
                        RAISE EXCEPTION 'inbound webhooks are kept at least 35 days: cutoff % is too recent', p_cutoff;
                    END IF;
                    DELETE FROM webhook_inbox
                    WHERE (merchant_id, id) IN (
                        SELECT merchant_id, id FROM webhook_inbox
                        WHERE received_at < p_cutoff AND status IN ('Processed', 'Ignored')
                        LIMIT p_limit);
                    GET DIAGNOSTICS v_count = ROW_COUNT;
                    RETURN v_count;
                END $$;
                REVOKE ALL ON FUNCTION webhook_inbox_apply_retention(timestamptz, integer) FROM PUBLIC;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS webhook_inbox_apply_retention(timestamptz, integer);");

            migrationBuilder.DropTable(
                name: "disputes");

            migrationBuilder.DropTable(
                name: "gateway_sync_cursors");

            migrationBuilder.DropTable(
                name: "payouts");
        }
    }
}
