using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace PaymentsPortal.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AuditRetention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_retention_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    merchant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    removed_from_sequence = table.Column<long>(type: "bigint", nullable: false),
                    removed_through_sequence = table.Column<long>(type: "bigint", nullable: false),
                    anchor_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    removed_count = table.Column<long>(type: "bigint", nullable: false),
                    cutoff = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    removed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    removed_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    transaction_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_retention_runs", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_audit_retention_runs_merchant_id_removed_through_sequence",
                table: "audit_retention_runs",
                columns: new[] { "merchant_id", "removed_through_sequence" },
                unique: true);

            // The only way past the append-only trigger: a procedure that removes whole expired months of one
            // chain, keeps at least 12 months, and first records what it removes. The trigger lets a DELETE
            // through only for rows covered by a retention record written in the same transaction.
            migrationBuilder.Sql("""
                CREATE FUNCTION audit_retention_runs_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'audit retention records are append-only: % is not allowed', TG_OP
                        USING ERRCODE = 'insufficient_privilege';
                END $$;
                CREATE TRIGGER audit_retention_runs_no_update_delete BEFORE UPDATE OR DELETE ON audit_retention_runs
                    FOR EACH ROW EXECUTE FUNCTION audit_retention_runs_append_only();
                CREATE TRIGGER audit_retention_runs_no_truncate BEFORE TRUNCATE ON audit_retention_runs
                    FOR EACH STATEMENT EXECUTE FUNCTION audit_retention_runs_append_only();

                CREATE OR REPLACE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'DELETE' AND EXISTS (
                        SELECT 1 FROM audit_retention_runs r
                        WHERE r.transaction_id = txid_current()
                          AND r.merchant_id = OLD.merchant_id
                          AND OLD.sequence BETWEEN r.removed_from_sequence AND r.removed_through_sequence) THEN
                        RETURN OLD;
                    END IF;
                    RAISE EXCEPTION 'audit entries are append-only: % is not allowed', TG_OP
                        USING ERRCODE = 'insufficient_privilege';
                END $$;

                CREATE FUNCTION audit_apply_retention(p_chain uuid, p_through bigint, p_cutoff timestamptz, p_removed_by text)
                RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
                DECLARE
                    v_latest timestamptz := (date_trunc('month', now() AT TIME ZONE 'UTC') - interval '12 months') AT TIME ZONE 'UTC';
                    v_from bigint;
                    v_anchor bytea;
                    v_count bigint;
                BEGIN
                    IF p_cutoff > v_latest THEN
                        RAISE EXCEPTION 'retention keeps at least 12 whole months: cutoff % is later than %', p_cutoff, v_latest;
                    END IF;
                    IF p_cutoff <> (date_trunc('month', p_cutoff AT TIME ZONE 'UTC') AT TIME ZONE 'UTC') THEN
                        RAISE EXCEPTION 'the cutoff % is not the start of a month: only whole segments are removed', p_cutoff;
                    END IF;
                    SELECT coalesce(max(removed_through_sequence), 0) + 1 INTO v_from FROM audit_retention_runs WHERE merchant_id = p_chain;
                    IF p_through < v_from THEN
                        RAISE EXCEPTION 'nothing to remove: entries up to % are already gone', v_from - 1;
                    END IF;
                    IF EXISTS (SELECT 1 FROM audit_entries WHERE merchant_id = p_chain AND sequence BETWEEN v_from AND p_through AND occurred_at >= p_cutoff) THEN
                        RAISE EXCEPTION 'entries up to % include some at or after the cutoff %', p_through, p_cutoff;
                    END IF;
                    IF EXISTS (SELECT 1 FROM audit_entries WHERE merchant_id = p_chain AND sequence = p_through + 1 AND occurred_at < p_cutoff) THEN
                        RAISE EXCEPTION 'removing up to % would leave part of an expired segment', p_through;
                    END IF;
                    SELECT hash INTO v_anchor FROM audit_entries WHERE merchant_id = p_chain AND sequence = p_through;
                    IF v_anchor IS NULL THEN
                        RAISE EXCEPTION 'entry % of chain % does not exist', p_through, p_chain;
                    END IF;
                    SELECT count(*) INTO v_count FROM audit_entries WHERE merchant_id = p_chain AND sequence BETWEEN v_from AND p_through;
                    INSERT INTO audit_retention_runs (merchant_id, removed_from_sequence, removed_through_sequence, anchor_hash, removed_count,
                                                      cutoff, removed_at, removed_by, transaction_id)
                    VALUES (p_chain, v_from, p_through, v_anchor, v_count, p_cutoff, now(), p_removed_by, txid_current());
                    DELETE FROM audit_entries WHERE merchant_id = p_chain AND sequence BETWEEN v_from AND p_through;
                    RETURN v_count;
                END $$;
                REVOKE ALL ON FUNCTION audit_apply_retention(uuid, bigint, timestamptz, text) FROM PUBLIC;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP FUNCTION IF EXISTS audit_apply_retention(uuid, bigint, timestamptz, text);
                CREATE OR REPLACE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'audit entries are append-only: % is not allowed', TG_OP
                        USING ERRCODE = 'insufficient_privilege';
                END $$;
                DROP TRIGGER IF EXISTS audit_retention_runs_no_truncate ON audit_retention_runs;
                DROP TRIGGER IF EXISTS audit_retention_runs_no_update_delete ON audit_retention_runs;
                DROP FUNCTION IF EXISTS audit_retention_runs_append_only();
                """);

            migrationBuilder.DropTable(
                name: "audit_retention_runs");
        }
    }
}
