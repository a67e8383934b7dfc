using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;

namespace PaymentsPortal.Core.Webhooks.Inbound.Intake;

/// <summary>
/// Stores verified events with INSERT … ON CONFLICT DO NOTHING, so a redelivery of a stored event inserts nothing and is still
/// acknowledged. It is the whole database cost of acknowledging a webhook, so the events that arrive together are stored
/// together: each waiting request's row joins the next statement (one multi-row INSERT, one commit, one round trip), and each
/// request is answered once the statement holding its row has committed. A lone event is written at once; under load the
/// statements grow instead of queueing one commit per event. The statement takes its rows as arrays, so it is the same prepared
/// statement whatever the batch size.
/// </summary>
public sealed class WebhookInboxWriter : IAsyncDisposable
{
    /// <summary>At most this many events per statement: a few dozen already make a commit's cost per event negligible.</summary>
    public const int MaxBatch = 64;

    /// <summary>Statements in flight at once, so one batch is gathered while the previous one commits.</summary>
    private const int Writers = 2;

    private const string Insert = """
        INSERT INTO webhook_inbox (merchant_id, id, provider, event_id, event_type, livemode, occurred_at, received_at, payload, status, attempts, next_attempt_at)
        SELECT merchant_id, id, provider, event_id, event_type, livemode, occurred_at, received_at, payload, 'Pending', 0, received_at
        FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::boolean[], $7::timestamptz[], $8::timestamptz[], $9::text[])
            AS batch(merchant_id, id, provider, event_id, event_type, livemode, occurred_at, received_at, payload)
        ON CONFLICT (merchant_id, provider, event_id) DO NOTHING
        RETURNING id
        """;

    private readonly NpgsqlDataSource dataSource;
    private readonly TimeProvider clock;
    private readonly Channel<Pending> queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.Wait });
    private readonly Task[] writers;

    public WebhookInboxWriter(NpgsqlDataSource dataSource, TimeProvider clock)
    {
        this.dataSource = dataSource;
        this.clock = clock;
        writers = [.. Enumerable.Range(0, Writers).Select(_ => Task.Run(WriteAsync))];
    }

    /// <summary>True when the event was stored now; false when the same event was stored before. Returns once it is durable.</summary>
    public async Task<bool> StoreAsync(InboundWebhook webhook, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        var now = clock.GetUtcNow();
        var pending = new Pending(webhook, Guid.CreateVersion7(now), now, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        await queue.Writer.WriteAsync(pending, cancellationToken);

        // A request that gives up now may still have its row stored: the provider's retry is then acknowledged as a duplicate.
        return await pending.Stored.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await Task.WhenAll(writers);
        await dataSource.DisposeAsync();
    }

    private async Task WriteAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            if (batch.Count == 0)
            {
                continue;
            }

            try
            {
                var stored = await InsertAsync(batch);
                batch.ForEach(p => p.Stored.TrySetResult(stored.Contains(p.Id)));
            }
            catch (Exception error)
            {
                // Nothing of the statement committed: every request in it fails, and its provider delivers again.
                batch.ForEach(p => p.Stored.TrySetException(error));
            }
        }
    }

    private async Task<HashSet<Guid>> InsertAsync(List<Pending> batch)
    {
        await using var command = dataSource.CreateCommand(Insert);
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. batch.Select(p => p.Webhook.MerchantId)] });
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. batch.Select(p => p.Id)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. batch.Select(p => p.Webhook.Provider.ToString())] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. batch.Select(p => p.Webhook.EventId)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. batch.Select(p => p.Webhook.EventType)] });
        command.Parameters.Add(new NpgsqlParameter<bool[]> { TypedValue = [.. batch.Select(p => p.Webhook.Livemode)] });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?[]> { TypedValue = [.. batch.Select(p => p.Webhook.OccurredAt)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = [.. batch.Select(p => p.ReceivedAt)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. batch.Select(p => p.Webhook.Payload)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        var stored = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            stored.Add(reader.GetGuid(0));
        }

        return stored;
    }

    private sealed record Pending(InboundWebhook Webhook, Guid Id, DateTimeOffset ReceivedAt, TaskCompletionSource<bool> Stored);
}
