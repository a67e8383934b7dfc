using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Common;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Banking.Transactions.Browsing;

/// <summary>
/// An account's transactions as CSV for a spreadsheet or the books: what the filter selects, newest first, read in keyset pages so
/// memory stays flat. The export is audited (4030) before the first row is written: the intent to take the data is what matters.
/// </summary>
public sealed class BankTransactionCsvExport(BankTransactionQueries queries, IServiceScopeFactory scopes, IAuditTrail trail)
{
    private const int PageSize = 1000;

    private static readonly string[] Columns =
    [
        "date", "description", "counterparty", "amount", "currency", "status", "source", "payout_gateway", "payout_reference", "transaction_id",
    ];

    public static string FileName(BankAccountView account, DateTimeOffset at) =>
        $"bank-{account.Row.Account.Mask ?? account.Row.Account.Id.ToString("N")[..8]}-{at.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}.csv";

    /// <summary>Writes the CSV and returns how many transactions it holds; null (nothing written) when the account is not the user's to see.</summary>
    public async Task<long?> ExportAsync(
        UserAccess access, Guid accountId, BankTransactionFilter filter, Stream output, ActingUser by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(by);
        if (filter.Problem is not null || await queries.AccountAsync(access, accountId, cancellationToken) is not { } account)
        {
            return null;
        }

        await RecordAsync(account, filter, by, cancellationToken);
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024, leaveOpen: true);
        await writer.WriteLineAsync(string.Join(',', Columns));
        long count = 0;
        BankTransactionCursor? after = null;
        do
        {
            var page = await queries.ListAsync(access, accountId, filter, after, PageSize, cancellationToken);
            foreach (var line in page.Rows)
            {
                await writer.WriteLineAsync(Row(line));
                count++;
            }

            await writer.FlushAsync(cancellationToken);
            after = page.Next;
        }
        while (after is not null);

        return count;
    }

    private static string Row(BankTransactionLine line)
    {
        var t = line.Transaction;

        // The amount is written as the portal formats it ("-12.50"): digits, a sign and a point, which a spreadsheet reads as a
        // number. It is never passed through the formula guard, whose apostrophe would turn every debit into text.
        var amount = t.Amount.ToMajorString();
        var status = t.RemovedAt is not null ? "withdrawn" : t.Pending ? "pending" : "posted";
        return string.Join(',',
            t.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), CsvCell.Format(t.Description), CsvCell.Format(t.CounterpartyName), amount, t.CurrencyCode, status,
            t.Source == BankTransactionSource.Plaid ? "plaid" : "statement",
            CsvCell.Format(line.MatchedPayout?.Gateway.ToString()), CsvCell.Format(line.MatchedPayout?.GatewayReference), t.Id.ToString());
    }

    private async Task RecordAsync(BankAccountView account, BankTransactionFilter filter, ActingUser by, CancellationToken cancellationToken)
    {
        var merchantId = account.Row.Account.MerchantId;
        await using var scope = scopes.CreateForMerchant(merchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await trail.AppendAsync(db, new AuditRecord(
            merchantId, AuditAction.BankTransactionsExported, AuditOutcome.Success, by.Actor, "bank_account", account.Row.Account.Id.ToString(),
            $"Exported the transactions of {account.Row.DisplayName} as CSV",
            new
            {
                from = filter.From, to = filter.To, direction = filter.Direction.ToString(), text = filter.Search, withdrawn = filter.IncludeWithdrawn,
            },
            by.Origin), cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }
}
