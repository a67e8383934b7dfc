using Npgsql;
using PaymentsPortal.Core.Payments.Search;

namespace PaymentsPortal.Benchmarks.Workspace;

/// <summary>
/// What the queries are aimed at, looked up once before timing: the merchant measured and its size, the row 90% deep in the
/// newest-first and largest-first orders (as cursors, the way the list pages to it), a customer email, an order number, and
/// payment ids for the primary-key baseline.
/// </summary>
internal sealed record WorkspaceSubject(
    Guid Merchant,
    long Payments,
    long DeepOffset,
    PaymentCursor DeepNewest,
    PaymentCursor DeepLargest,
    string CustomerEmail,
    long CustomerPayments,
    string OrderNumber,
    long OrderMatches,
    long WordMatches,
    IReadOnlyList<Guid> SampleIds,
    DateTimeOffset To)
{
    /// <summary>A word of one product in twenty of the generated descriptions ("Ceramic mug").</summary>
    public const string Word = "mug";

    /// <summary>How far into the list the deep pages start.</summary>
    public const double Depth = 0.9;

    /// <param name="to">The end of the generated period: "now" for the dashboard.</param>
    public static async Task<WorkspaceSubject> FindAsync(string connectionString, Guid merchant, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var payments = await ScalarAsync<long>(connection, "SELECT count(*) FROM payments WHERE merchant_id = $1", cancellationToken, merchant);
        var deep = (long)(payments * Depth);

        var (newestAt, newestId) = await RowAtAsync<DateTimeOffset>(connection, "created_at", merchant, deep, cancellationToken);
        var (amount, largestId) = await RowAtAsync<long>(connection, "amount_minor", merchant, deep, cancellationToken);

        // A customer from the middle of the list, so neither one of the most frequent nor a one-off.
        var email = await ScalarAsync<string>(connection,
            "SELECT customer_email FROM payments WHERE merchant_id = $1 AND customer_email IS NOT NULL ORDER BY created_at DESC, id DESC OFFSET $2 LIMIT 1",
            cancellationToken, merchant, payments / 2);
        var order = await ScalarAsync<string>(connection,
            "SELECT substring(description FROM '^Order #[0-9]+') FROM payments WHERE merchant_id = $1 ORDER BY created_at DESC, id DESC OFFSET $2 LIMIT 1",
            cancellationToken, merchant, payments / 2);
        var ids = new List<Guid>();
        await using (var command = new NpgsqlCommand("SELECT id FROM payments WHERE merchant_id = $1 ORDER BY random() LIMIT 1000", connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = merchant });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetGuid(0));
            }
        }

        return new WorkspaceSubject(
            merchant, payments, deep,
            new PaymentCursor(PaymentSort.NewestFirst, newestAt.UtcTicks, newestId),
            new PaymentCursor(PaymentSort.LargestFirst, amount, largestId),
            email,
            await ScalarAsync<long>(connection, "SELECT count(*) FROM payments WHERE merchant_id = $1 AND customer_email = $2", cancellationToken, merchant, email),
            order,
            await ScalarAsync<long>(connection, "SELECT count(*) FROM payments WHERE merchant_id = $1 AND description ILIKE '%' || $2 || '%'", cancellationToken, merchant, order),
            await ScalarAsync<long>(connection, "SELECT count(*) FROM payments WHERE merchant_id = $1 AND description ILIKE '%' || $2 || '%'", cancellationToken, merchant, Word),
            ids, to);
    }

    // The sort key and id of the row after `offset` others in that order, newest or largest first.
    private static async Task<(T Key, Guid Id)> RowAtAsync<T>(NpgsqlConnection connection, string key, Guid merchant, long offset, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT {key}, id FROM payments WHERE merchant_id = $1 ORDER BY {key} DESC, id DESC OFFSET $2 LIMIT 1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = merchant });
        command.Parameters.Add(new NpgsqlParameter { Value = offset });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetFieldValue<T>(0), reader.GetGuid(1));
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
