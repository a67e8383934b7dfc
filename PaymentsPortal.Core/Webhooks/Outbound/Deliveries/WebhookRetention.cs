using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace PaymentsPortal.Core.Webhooks.Outbound.Deliveries;

/// <summary>
/// Keeps outbound events for <see cref="OutboundWebhookOptions.Retention"/>: older events go, with their deliveries and attempts
/// (cascade), in batches so no statement holds many locks; an event with a delivery still Pending stays until it is finished.
/// </summary>
public sealed class WebhookRetention(NpgsqlDataSource dataSource, IOptions<OutboundWebhookOptions> options, TimeProvider clock)
{
    private const int Batch = 5000;

    public async Task<int> ApplyAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - options.Value.Retention;
        var total = 0;
        int removed;
        do
        {
            await using var command = dataSource.CreateCommand("""
                DELETE FROM webhook_events
                WHERE (merchant_id, id) IN (
                    SELECT e.merchant_id, e.id FROM webhook_events e
                    WHERE e.created_at < $1 AND e.fanned_out_at IS NOT NULL
                      AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d
                                      WHERE d.merchant_id = e.merchant_id AND d.event_id = e.id AND d.status = 'Pending')
                    LIMIT $2)
                """);
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = cutoff, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = Batch });
            removed = await command.ExecuteNonQueryAsync(cancellationToken);
            total += removed;
        }
        while (removed == Batch);

        return total;
    }
}
