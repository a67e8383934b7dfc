using PaymentsPortal.Core.Banking.Plaid;

namespace PaymentsPortal.Core.Banking.Transactions;

/// <summary>
/// Reads /transactions/sync from a cursor until has_more is false, keeping every page in memory. When Plaid's data changes during
/// the paging (TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION), the pages read so far are dropped and the run starts again from the
/// cursor it began with, as Plaid requires; after a few tries the run fails and the next one tries again.
/// </summary>
internal static class PlaidTransactionPages
{
    public const int PageSize = 500;
    private const int Attempts = 3;

    public static async Task<(PlaidTransactionsSyncResponse[]? Pages, PlaidFailure? Failure)> ReadAsync(
        PlaidClient plaid, PlaidAccessToken token, string? cursor, int pageSize, CancellationToken cancellationToken)
    {
        PlaidFailure? last = null;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var pages = new List<PlaidTransactionsSyncResponse>();
            var next = cursor;
            while (true)
            {
                var page = await plaid.SyncTransactionsAsync(new PlaidTransactionsSyncRequest(token, next, pageSize), cancellationToken);
                if (!page.Succeeded)
                {
                    last = page.Failure!;
                    break;
                }

                pages.Add(page.Value!);
                if (!page.Value!.HasMore)
                {
                    return ([.. pages], null);
                }

                next = page.Value.NextCursor;
            }

            if (last.Kind != PlaidFailureKind.TransactionsSyncMutation)
            {
                return (null, last);
            }
        }

        return (null, last);
    }
}
