using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Banking.Accounts;
using PaymentsPortal.Core.Banking.Plaid;
using PaymentsPortal.Core.Persistence;

namespace PaymentsPortal.Core.Banking.Transactions;

/// <summary>
/// Applies /transactions/sync pages, oldest first, to the stored transactions: added and modified are upserts by Plaid's
/// transaction_id (so a page read twice changes nothing), removed marks the row withdrawn (a match may point at it). Plaid's sign is
/// flipped: a deposit, negative at Plaid, is stored positive.
/// </summary>
internal static class PlaidTransactionsWriter
{
    public sealed record Changes(int Added, int Modified, int Removed, int Skipped);

    public static async Task<Changes> ApplyAsync(
        PortalDbContext db, Guid merchantId, IReadOnlyList<BankAccount> accounts, IReadOnlyList<PlaidTransactionsSyncResponse> pages, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var byPlaidId = accounts.Where(a => a.PlaidAccountId is not null).ToDictionary(a => a.PlaidAccountId!, StringComparer.Ordinal);
        var mentioned = pages.SelectMany(p => p.Added.Select(t => t.TransactionId).Concat(p.Modified.Select(t => t.TransactionId)).Concat(p.Removed.Select(r => r.TransactionId)))
            .Distinct(StringComparer.Ordinal).ToList();
        var accountIds = byPlaidId.Values.Select(a => a.Id).ToList();
        var existing = new Dictionary<string, BankTransaction>(StringComparer.Ordinal);
        foreach (var chunk in mentioned.Chunk(1000))
        {
            var rows = await db.BankTransactions
                .Where(t => accountIds.Contains(t.AccountId) && t.Source == BankTransactionSource.Plaid && chunk.Contains(t.ExternalId))
                .ToListAsync(cancellationToken);
            rows.ForEach(r => existing[r.ExternalId] = r);
        }

        int added = 0, modified = 0, removed = 0, skipped = 0;
        foreach (var page in pages)
        {
            foreach (var transaction in page.Added.Concat(page.Modified))
            {
                if (!byPlaidId.TryGetValue(transaction.AccountId, out var account) || transaction.GetAmount().Money is not { } plaidAmount)
                {
                    skipped++;
                    continue;
                }

                if (!existing.TryGetValue(transaction.TransactionId, out var row))
                {
                    row = new BankTransaction
                    {
                        MerchantId = merchantId, Id = Guid.CreateVersion7(now), AccountId = account.Id, Source = BankTransactionSource.Plaid,
                        ExternalId = transaction.TransactionId, CreatedAt = now,
                    };
                    db.BankTransactions.Add(row);
                    existing[row.ExternalId] = row;
                    added++;
                }
                else
                {
                    modified++;
                }

                row.Date = transaction.Date;
                row.AmountMinor = -plaidAmount.MinorUnits;
                row.CurrencyCode = plaidAmount.Currency.Code;
                row.Description = Clip(transaction.Name ?? transaction.MerchantName ?? "", BankTransaction.DescriptionMaxLength);
                row.CounterpartyName = transaction.MerchantName is null ? null : Clip(transaction.MerchantName, BankAccount.NameMaxLength);
                row.Pending = transaction.Pending;
                row.RemovedAt = null;
                row.UpdatedAt = now;
            }

            foreach (var gone in page.Removed)
            {
                if (existing.TryGetValue(gone.TransactionId, out var row) && row.RemovedAt is null)
                {
                    row.RemovedAt = now;
                    row.UpdatedAt = now;
                    removed++;
                }
            }
        }

        return new Changes(added, modified, removed, skipped);
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max];
}
