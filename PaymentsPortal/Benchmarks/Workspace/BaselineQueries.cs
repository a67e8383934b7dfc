using Npgsql;
using PaymentsPortal.Core.Persistence;

namespace PaymentsPortal.Benchmarks.Workspace;

/// <summary>
/// The yardsticks, in plain SQL over the app's connection settings (so also prepared after a few runs): one payment by its
/// primary key, the cheapest read there is, whose p95 is one round trip on this machine; and the page 90% deep read by OFFSET,
/// the way a list without keyset paging would reach it.
/// </summary>
internal sealed class BaselineQueries(string appConnectionString, WorkspaceSubject subject)
{
    // The columns of a list row (PaymentRow), so that each query returns the same kind of row.
    private const string RowColumns =
        "id, created_at, status, amount_minor, currency_code, refunded_minor, gateway, card_brand, card_last4, customer_email, description";

    private readonly string connectionString = PortalDatabase.WithAutoPrepare(appConnectionString);
    private int next;

    public async Task<long> PrimaryKeyLookupAsync(CancellationToken cancellationToken)
    {
        // A different payment each time, so the baseline is not one hot row.
        var id = subject.SampleIds[next++ % subject.SampleIds.Count];
        return await ReadAsync($"SELECT {RowColumns} FROM payments WHERE merchant_id = $1 AND id = $2", cancellationToken, subject.Merchant, id);
    }

    public Task<long> OffsetPageAsync(int size, CancellationToken cancellationToken) =>
        ReadAsync($"SELECT {RowColumns} FROM payments WHERE merchant_id = $1 ORDER BY created_at DESC, id DESC OFFSET $2 LIMIT $3",
            cancellationToken, subject.Merchant, subject.DeepOffset, size + 1);

    private async Task<long> ReadAsync(string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = 0L;
        var row = new object[reader.FieldCount];
        while (await reader.ReadAsync(cancellationToken))
        {
            reader.GetValues(row);
            rows++;
        }

        return rows;
    }
}
