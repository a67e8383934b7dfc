using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PaymentsPortal.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AuditCheckpoints : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_signing_keys",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    public_key_pem = table.Column<string>(type: "text", nullable: false),
                    protected_private_key = table.Column<byte[]>(type: "bytea", nullable: false),
                    retired_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_signing_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "audit_checkpoints",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    root = table.Column<byte[]>(type: "bytea", nullable: false),
                    leaf_count = table.Column<int>(type: "integer", nullable: false),
                    statement = table.Column<string>(type: "text", nullable: false),
                    signature = table.Column<byte[]>(type: "bytea", nullable: false),
                    key_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_checkpoints", x => x.id);
                    table.ForeignKey(
                        name: "fk_audit_checkpoints_audit_signing_keys_key_id",
                        column: x => x.key_id,
                        principalTable: "audit_signing_keys",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "audit_checkpoint_leaves",
                columns: table => new
                {
                    checkpoint_id = table.Column<Guid>(type: "uuid", nullable: false),
                    chain_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sequence = table.Column<long>(type: "bigint", nullable: false),
                    head_hash = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_checkpoint_leaves", x => new { x.checkpoint_id, x.chain_id });
                    table.ForeignKey(
                        name: "fk_audit_checkpoint_leaves_audit_checkpoints_checkpoint_id",
                        column: x => x.checkpoint_id,
                        principalTable: "audit_checkpoints",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_audit_checkpoint_leaves_chain_id_sequence",
                table: "audit_checkpoint_leaves",
                columns: new[] { "chain_id", "sequence" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_checkpoints_created_at_id",
                table: "audit_checkpoints",
                columns: new[] { "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_checkpoints_key_id",
                table: "audit_checkpoints",
                column: "key_id");

            // Checkpoints and their leaves are append-only for every role, like audit_entries: UPDATE,
            // DELETE and TRUNCATE raise. The application role also holds only INSERT and SELECT on them
            // (see DatabaseMigrator).
            migrationBuilder.Sql("""
                CREATE FUNCTION audit_checkpoints_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
                        USING ERRCODE = 'insufficient_privilege';
                END $$;
                CREATE TRIGGER audit_checkpoints_no_update_delete BEFORE UPDATE OR DELETE ON audit_checkpoints
                    FOR EACH ROW EXECUTE FUNCTION audit_checkpoints_append_only();
                CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints
                    FOR EACH STATEMENT EXECUTE FUNCTION audit_checkpoints_append_only();
                CREATE TRIGGER audit_checkpoint_leaves_no_update_delete BEFORE UPDATE OR DELETE ON audit_checkpoint_leaves
                    FOR EACH ROW EXECUTE FUNCTION audit_checkpoints_append_only();
                CREATE TRIGGER audit_checkpoint_leaves_no_truncate BEFORE TRUNCATE ON audit_checkpoint_leaves
                    FOR EACH STATEMENT EXECUTE FUNCTION audit_checkpoints_append_only();
                """);

            // A signing key is kept for ever (old checkpoints verify with it) and may change only once: from
            // active to retired. Its public and private halves can never be swapped. At most one is active.
            migrationBuilder.Sql("""
                CREATE FUNCTION audit_signing_keys_retire_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'UPDATE' AND OLD.retired_at IS NULL AND NEW.retired_at IS NOT NULL
                        AND NEW.id = OLD.id AND NEW.created_at = OLD.created_at
                        AND NEW.public_key_pem = OLD.public_key_pem
                        AND NEW.protected_private_key = OLD.protected_private_key THEN
                        RETURN NEW;
                    END IF;
                    RAISE EXCEPTION 'audit signing keys are only ever retired: % is not allowed', TG_OP
                        USING ERRCODE = 'insufficient_privilege';
                END $$;
                CREATE TRIGGER audit_signing_keys_retire_only BEFORE UPDATE OR DELETE ON audit_signing_keys
                    FOR EACH ROW EXECUTE FUNCTION audit_signing_keys_retire_only();
                CREATE TRIGGER audit_signing_keys_no_truncate BEFORE TRUNCATE ON audit_signing_keys
                    FOR EACH STATEMENT EXECUTE FUNCTION audit_signing_keys_retire_only();
                CREATE UNIQUE INDEX ux_audit_signing_keys_one_active ON audit_signing_keys ((true)) WHERE retired_at IS NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX IF EXISTS ux_audit_signing_keys_one_active;
                DROP TRIGGER IF EXISTS audit_signing_keys_no_truncate ON audit_signing_keys;
                DROP TRIGGER IF EXISTS audit_signing_keys_retire_only ON audit_signing_keys;
                DROP FUNCTION IF EXISTS audit_signing_keys_retire_only();
                DROP TRIGGER IF EXISTS audit_checkpoint_leaves_no_truncate ON audit_checkpoint_leaves;
                DROP TRIGGER IF EXISTS audit_checkpoint_leaves_no_update_delete ON audit_checkpoint_leaves;
                DROP TRIGGER IF EXISTS audit_checkpoints_no_truncate ON audit_checkpoints;
                DROP TRIGGER IF EXISTS audit_checkpoints_no_update_delete ON audit_checkpoints;
                DROP FUNCTION IF EXISTS audit_checkpoints_append_only();
                """);

            migrationBuilder.DropTable(
                name: "audit_checkpoint_leaves");

            migrationBuilder.DropTable(
                name: "audit_checkpoints");

            migrationBuilder.DropTable(
                name: "audit_signing_keys");
        }
    }
}
