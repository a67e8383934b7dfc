using Npgsql;
using NpgsqlTypes;

namespace PaymentsPortal.Core.Webhooks.Outbound.Delivery;

/// <summary>
/// The dispatcher's SQL: fanning events out into deliveries, and claiming due deliveries with a lease. Both work across
/// merchants and skip rows another instance holds (SKIP LOCKED), so any number of instances can run them at once.
/// </summary>
public sealed class WebhookDeliveryQueue(NpgsqlDataSource dataSource, TimeProvider clock)
{
    /// <summary>At most this many deliveries of one endpoint per claim, so one slow receiver cannot hold every worker.</summary>
    public const int PerEndpointPerClaim = 4;

    /// <summary>
    /// Turns up to <paramref name="limit"/> new events into one Pending delivery per enabled endpoint that subscribes to the
    /// event's type and existed when the event happened, and marks them fanned out, in one statement. Returns how many events
    /// it took.
    /// </summary>
    public async Task<int> FanOutAsync(int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            WITH taken AS (
                SELECT merchant_id, id FROM webhook_events
                WHERE fanned_out_at IS NULL
                ORDER BY created_at
                LIMIT $1
                FOR UPDATE SKIP LOCKED
            ), marked AS (
                UPDATE webhook_events e SET fanned_out_at = $2
                FROM taken t WHERE e.merchant_id = t.merchant_id AND e.id = t.id
                RETURNING e.merchant_id, e.id, e.type, e.created_at
            ), made AS (
                INSERT INTO webhook_deliveries
                    (merchant_id, id, endpoint_id, event_id, event_type, status, attempts, next_attempt_at, created_at, retry_window_start, replay_requested)
                SELECT m.merchant_id, gen_random_uuid(), p.id, m.id, m.type, 'Pending', 0, $2, $2, $2, false
                FROM marked m
                JOIN webhook_endpoints p ON p.merchant_id = m.merchant_id
                WHERE p.enabled AND p.created_at <= m.created_at
                  AND (cardinality(p.event_types) = 0 OR m.type = ANY (p.event_types))
                ON CONFLICT (merchant_id, event_id, endpoint_id) DO NOTHING
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM marked)::int, (SELECT count(*) FROM made)::int
            """);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = clock.GetUtcNow(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return reader.GetInt32(0);
    }

    /// <summary>
    /// Claims up to <paramref name="limit"/> due deliveries, oldest due first and at most <see cref="PerEndpointPerClaim"/> per
    /// endpoint: each gets a new lease id and is not due again until <paramref name="lease"/> has passed, so if this instance
    /// dies mid-send another one sends it later. Nothing is held open while the requests are made.
    /// </summary>
    public async Task<IReadOnlyList<ClaimedDelivery>> ClaimDueAsync(int limit, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var command = dataSource.CreateCommand("""
            WITH candidates AS (
                SELECT merchant_id, id, endpoint_id, next_attempt_at FROM webhook_deliveries
                WHERE status = 'Pending' AND next_attempt_at <= $1
                ORDER BY next_attempt_at
                LIMIT $2 * 8
                FOR UPDATE SKIP LOCKED
            ), picked AS (
                SELECT merchant_id, id FROM (
                    SELECT c.*, row_number() OVER (PARTITION BY c.merchant_id, c.endpoint_id ORDER BY c.next_attempt_at) AS n FROM candidates c
                ) ranked
                WHERE n <= $4
                ORDER BY next_attempt_at
                LIMIT $2
            ), claimed AS (
                UPDATE webhook_deliveries d SET next_attempt_at = $3, lease_id = gen_random_uuid()
                FROM picked p WHERE d.merchant_id = p.merchant_id AND d.id = p.id
                RETURNING d.merchant_id, d.id, d.endpoint_id, d.event_id, d.event_type, d.lease_id, d.attempts, d.replay_requested, d.retry_window_start
            )
            SELECT c.merchant_id, c.id, c.endpoint_id, c.event_id, c.event_type, c.lease_id, c.attempts, c.replay_requested, c.retry_window_start,
                   p.url, p.protected_secret, p.previous_protected_secret, p.previous_secret_expires_at, e.body
            FROM claimed c
            JOIN webhook_endpoints p ON p.merchant_id = c.merchant_id AND p.id = c.endpoint_id
            JOIN webhook_events e ON e.merchant_id = c.merchant_id AND e.id = c.event_id
            """);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now + lease, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = PerEndpointPerClaim });
        var claimed = new List<ClaimedDelivery>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new ClaimedDelivery(
                reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetGuid(3), reader.GetString(4), reader.GetGuid(5), reader.GetInt32(6),
                reader.GetBoolean(7), reader.GetFieldValue<DateTimeOffset>(8), reader.GetString(9), reader.GetString(10),
                reader.IsDBNull(11) ? null : reader.GetString(11), reader.IsDBNull(12) ? null : reader.GetFieldValue<DateTimeOffset>(12), reader.GetString(13)));
        }

        return claimed;
    }

    /// <summary>When the earliest Pending delivery, or an event not yet fanned out, is due; null when nothing waits.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT least(
                (SELECT min(next_attempt_at) FROM webhook_deliveries WHERE status = 'Pending'),
                (SELECT min(created_at) FROM webhook_events WHERE fanned_out_at IS NULL))
            """);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is DateTime utc ? new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)) : value as DateTimeOffset?;
    }
}
