using Npgsql;
using NpgsqlTypes;

namespace PaymentsPortal.Core.Webhooks.Inbound.Intake;

/// <summary>
/// Stores verified events: one autocommitted INSERT … ON CONFLICT DO NOTHING per event, straight through Npgsql. It is the
/// whole database cost of acknowledging a webhook, so it is one prepared statement and one round trip, with no DbContext to
/// build; a redelivery of a stored event inserts nothing and is still acknowledged.
/// </summary>
public sealed class WebhookInboxWriter(NpgsqlDataSource dataSource, TimeProvider clock)
{
    private const string Insert = """
        INSERT INTO webhook_inbox (merchant_id, id, provider, event_id, event_type, livemode, occurred_at, received_at, payload, status, attempts, next_attempt_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'Pending', 0, $8)
        ON CONFLICT (merchant_id, provider, event_id) DO NOTHING
        """;

    /// <summary>True when the event was stored now; false when the same event was stored before.</summary>
    public async Task<bool> StoreAsync(InboundWebhook webhook, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        var now = clock.GetUtcNow();
        await using var command = dataSource.CreateCommand(Insert);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = webhook.MerchantId });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.CreateVersion7(now) });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = webhook.Provider.ToString() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = webhook.EventId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = webhook.EventType });
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = webhook.Livemode });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)webhook.OccurredAt ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = webhook.Payload, NpgsqlDbType = NpgsqlDbType.Text });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
