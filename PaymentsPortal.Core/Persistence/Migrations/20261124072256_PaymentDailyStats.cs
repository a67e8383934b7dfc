using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PaymentsPortal.Core.Persistence.Migrations
{
    /// <summary>
    /// Daily totals of each merchant's payments for the dashboard's long periods (see PaymentDailyStatsRollup). They are
    /// read and written by SQL only, so they are not part of the EF model.
    /// </summary>
    public partial class PaymentDailyStats : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE payment_daily_stats (
                    merchant_id uuid NOT NULL REFERENCES merchants (id) ON DELETE RESTRICT,
                    day date NOT NULL,
                    currency_code character(3) NOT NULL,
                    -- '' for payments that never reached a gateway: a primary key column cannot be null.
                    gateway character varying(20) NOT NULL,
                    status character varying(30) NOT NULL,
                    payments bigint NOT NULL,
                    captured_minor bigint NOT NULL,
                    refunded_minor bigint NOT NULL,
                    failed_over bigint NOT NULL,
                    CONSTRAINT pk_payment_daily_stats PRIMARY KEY (merchant_id, day, currency_code, gateway, status));

                -- Days before rolled_until are in payment_daily_stats, except those listed as dirty.
                CREATE TABLE payment_daily_stats_state (
                    merchant_id uuid NOT NULL REFERENCES merchants (id) ON DELETE RESTRICT,
                    rolled_until date NOT NULL,
                    CONSTRAINT pk_payment_daily_stats_state PRIMARY KEY (merchant_id));

                -- Closed days whose payments changed after they were rolled up (a refund weeks later, a reconciliation).
                CREATE TABLE payment_daily_stats_dirty (
                    merchant_id uuid NOT NULL,
                    day date NOT NULL,
                    CONSTRAINT pk_payment_daily_stats_dirty PRIMARY KEY (merchant_id, day));

                CREATE FUNCTION mark_payment_day_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO payment_daily_stats_dirty (merchant_id, day)
                    VALUES (NEW.merchant_id, (NEW.created_at AT TIME ZONE 'UTC')::date)
                    ON CONFLICT DO NOTHING;
                    RETURN NULL;
                END;
                $$;

                -- Only a change to what the totals count, of a payment created before today (UTC), marks its day: a
                -- payment's own life (seconds, on its creation day) never fires the function.
                CREATE TRIGGER payments_mark_day_dirty
                    AFTER UPDATE ON payments FOR EACH ROW
                    WHEN (NEW.created_at < date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
                          AND (OLD.status IS DISTINCT FROM NEW.status OR OLD.captured_minor <> NEW.captured_minor
                               OR OLD.refunded_minor <> NEW.refunded_minor OR OLD.gateway IS DISTINCT FROM NEW.gateway
                               OR OLD.failed_over <> NEW.failed_over))
                    EXECUTE FUNCTION mark_payment_day_dirty();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER payments_mark_day_dirty ON payments;
                DROP FUNCTION mark_payment_day_dirty();
                DROP TABLE payment_daily_stats_dirty;
                DROP TABLE payment_daily_stats_state;
                DROP TABLE payment_daily_stats;
                """);
        }
    }
}
