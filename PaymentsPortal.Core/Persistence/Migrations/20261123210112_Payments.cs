using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PaymentsPortal.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Payments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // EF cannot declare partitioned tables, so these three are written by hand; the columns, keys and
            // foreign keys match the model exactly (the snapshot is EF's). Hash partitioning by merchant keeps one
            // merchant's rows together, spreads merchants over 16 partitions, and is the layout Citus distributes by.
            migrationBuilder.Sql("""
                CREATE TABLE payments (
                    merchant_id uuid NOT NULL,
                    id uuid NOT NULL,
                    amount_minor bigint NOT NULL,
                    currency_code character(3) NOT NULL,
                    capture_immediately boolean NOT NULL,
                    status character varying(30) NOT NULL,
                    version integer NOT NULL,
                    captured_minor bigint NOT NULL,
                    refunded_minor bigint NOT NULL,
                    description character varying(1000),
                    customer_email character varying(320),
                    token_issuer character varying(20) NOT NULL,
                    token_value character varying(255) NOT NULL,
                    gateway character varying(20),
                    gateway_reference character varying(255),
                    card_brand character varying(30),
                    card_last4 character varying(4),
                    card_expiry_month integer,
                    card_expiry_year integer,
                    review_reason character varying(2000),
                    next_reconciliation_at timestamp with time zone,
                    reconciliation_attempts integer NOT NULL,
                    created_at timestamp with time zone NOT NULL,
                    updated_at timestamp with time zone NOT NULL,
                    CONSTRAINT pk_payments PRIMARY KEY (merchant_id, id),
                    CONSTRAINT fk_payments_merchants_merchant_id FOREIGN KEY (merchant_id) REFERENCES merchants (id) ON DELETE RESTRICT,
                    -- Money is never negative, never more captured than authorized, never more refunded than captured.
                    CONSTRAINT ck_payments_amounts CHECK (amount_minor > 0 AND captured_minor BETWEEN 0 AND amount_minor AND refunded_minor BETWEEN 0 AND captured_minor),
                    CONSTRAINT ck_payments_currency CHECK (currency_code ~ '^[A-Z]{3}$')
                ) PARTITION BY HASH (merchant_id);

                CREATE TABLE payment_attempts (
                    merchant_id uuid NOT NULL,
                    id uuid NOT NULL,
                    payment_id uuid NOT NULL,
                    number integer NOT NULL,
                    gateway character varying(20) NOT NULL,
                    operation character varying(20) NOT NULL,
                    amount_minor bigint NOT NULL,
                    state character varying(20) NOT NULL,
                    outcome character varying(20),
                    code character varying(200),
                    message character varying(2000),
                    gateway_reference character varying(255),
                    gateway_status character varying(50),
                    started_at timestamp with time zone NOT NULL,
                    completed_at timestamp with time zone,
                    latency_ms integer,
                    CONSTRAINT pk_payment_attempts PRIMARY KEY (merchant_id, id),
                    CONSTRAINT fk_payment_attempts_payments_merchant_id_payment_id FOREIGN KEY (merchant_id, payment_id)
                        REFERENCES payments (merchant_id, id) ON DELETE RESTRICT,
                    CONSTRAINT ck_payment_attempts_amount CHECK (amount_minor >= 0)
                ) PARTITION BY HASH (merchant_id);

                CREATE TABLE payment_events (
                    merchant_id uuid NOT NULL,
                    payment_id uuid NOT NULL,
                    sequence integer NOT NULL,
                    id uuid NOT NULL,
                    occurred_at timestamp with time zone NOT NULL,
                    from_status character varying(30),
                    to_status character varying(30) NOT NULL,
                    actor character varying(200) NOT NULL,
                    reason character varying(2000),
                    attempt_id uuid,
                    CONSTRAINT pk_payment_events PRIMARY KEY (merchant_id, payment_id, sequence),
                    CONSTRAINT fk_payment_events_payments_merchant_id_payment_id FOREIGN KEY (merchant_id, payment_id)
                        REFERENCES payments (merchant_id, id) ON DELETE RESTRICT
                ) PARTITION BY HASH (merchant_id);

                DO $$
                BEGIN
                    FOR i IN 0..15 LOOP
                        EXECUTE format('CREATE TABLE payments_p%s PARTITION OF payments FOR VALUES WITH (MODULUS 16, REMAINDER %s)', lpad(i::text, 2, '0'), i);
                        EXECUTE format('CREATE TABLE payment_attempts_p%s PARTITION OF payment_attempts FOR VALUES WITH (MODULUS 16, REMAINDER %s)', lpad(i::text, 2, '0'), i);
                        EXECUTE format('CREATE TABLE payment_events_p%s PARTITION OF payment_events FOR VALUES WITH (MODULUS 16, REMAINDER %s)', lpad(i::text, 2, '0'), i);
                    END LOOP;
                END
                $$;

                -- A payment's timeline is append-only for every role, like the audit trail.
                CREATE FUNCTION payment_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                    RAISE EXCEPTION 'payment_events is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
                END
                $fn$;
                CREATE TRIGGER payment_events_no_update_or_delete BEFORE UPDATE OR DELETE ON payment_events
                    FOR EACH ROW EXECUTE FUNCTION payment_events_append_only();
                CREATE TRIGGER payment_events_no_truncate BEFORE TRUNCATE ON payment_events
                    FOR EACH STATEMENT EXECUTE FUNCTION payment_events_append_only();
                -- Row triggers reach the partitions by themselves; a TRUNCATE of one partition does not fire the parent's.
                DO $$
                BEGIN
                    FOR i IN 0..15 LOOP
                        EXECUTE format('CREATE TRIGGER payment_events_no_truncate BEFORE TRUNCATE ON payment_events_p%s FOR EACH STATEMENT EXECUTE FUNCTION payment_events_append_only()', lpad(i::text, 2, '0'));
                    END LOOP;
                END
                $$;
                """);

            migrationBuilder.CreateIndex(
                name: "ix_payment_attempts_merchant_id_payment_id_number",
                table: "payment_attempts",
                columns: new[] { "merchant_id", "payment_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_payments_merchant_id_created_at",
                table: "payments",
                columns: new[] { "merchant_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_payments_merchant_id_status",
                table: "payments",
                columns: new[] { "merchant_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_payments_reconciliation_due",
                table: "payments",
                column: "next_reconciliation_at",
                filter: "next_reconciliation_at IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION payment_events_append_only() CASCADE");

            migrationBuilder.DropTable(
                name: "payment_attempts");

            migrationBuilder.DropTable(
                name: "payment_events");

            migrationBuilder.DropTable(
                name: "payments");
        }
    }
}
