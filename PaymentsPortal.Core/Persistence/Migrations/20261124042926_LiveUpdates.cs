using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PaymentsPortal.Core.Persistence.Migrations
{
    /// <summary>
    /// Notifies payment_changes whenever a payment is created, changes status or gets a refund, in the transaction that
    /// made the change: PostgreSQL delivers it at commit (never for a rollback) to every app instance listening.
    /// A trigger rather than app code, so no writer (router, reconciliation, refunds, a future job) can forget it.
    /// </summary>
    public partial class LiveUpdates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION notify_payment_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('payment_changes', NEW.merchant_id::text || ':' || NEW.id::text || ':' || NEW.status);
                    RETURN NULL;
                END;
                $$;

                CREATE TRIGGER payments_notify_insert AFTER INSERT ON payments
                    FOR EACH ROW EXECUTE FUNCTION notify_payment_change();

                CREATE TRIGGER payments_notify_update AFTER UPDATE ON payments
                    FOR EACH ROW
                    WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.refunded_minor IS DISTINCT FROM NEW.refunded_minor)
                    EXECUTE FUNCTION notify_payment_change();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER payments_notify_update ON payments;
                DROP TRIGGER payments_notify_insert ON payments;
                DROP FUNCTION notify_payment_change();
                """);
        }
    }
}
