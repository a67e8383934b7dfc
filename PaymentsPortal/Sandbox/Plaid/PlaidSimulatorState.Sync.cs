using System.Text.Json.Nodes;

namespace PaymentsPortal.Sandbox.Plaid;

/// <summary>/transactions/sync, and the changes to an Item's transactions that it reports.</summary>
internal sealed partial class PlaidSimulatorState
{
    private const int DefaultSyncCount = 100;
    private const int MaxSyncCount = 500;

    public PlaidResult SyncTransactions(PlaidRequest request)
    {
        lock (gate)
        {
            if (Resolve(request.Text("access_token"), out var item) is { } invalid)
            {
                return invalid;
            }

            var result = Sync(item, request);
            return result.Error is null ? result : new PlaidResult(null, result.Error, item.ItemId);
        }
    }

    private PlaidResult Sync(PlaidItemRecord item, PlaidRequest request)
    {
        if (Reachable(item) is { } unreachable)
        {
            return unreachable;
        }

        var count = request.Has("count") ? request.Integer("count") : DefaultSyncCount;
        if (count is not (>= 1 and <= MaxSyncCount))
        {
            return PlaidApiError.InvalidField("count must be an integer between 1 and 500");
        }

        var accountId = request.Text("options", "account_id");
        if (accountId is not null && item.Account(accountId) is null)
        {
            return PlaidApiError.InvalidAccountId();
        }

        var text = request.Text("cursor") ?? "";
        PlaidSyncCursor cursor;
        if (text.Length == 0)
        {
            cursor = PlaidSyncCursor.Settled(item.ItemId, accountId, 0);
        }
        else if (!PlaidSyncCursor.TryDecode(text, out cursor) || cursor.ItemId != item.ItemId || cursor.AccountId != accountId || cursor.To > item.Log.Head)
        {
            return PlaidApiError.InvalidField("cursor is not valid for this item");
        }

        if (!item.Products.Contains("transactions"))
        {
            item.Products.Add("transactions");
        }

        if (item.UpdateStatus == "NOT_READY")
        {
            return PlaidResult.Ok(SyncReply(item, [], [], cursor.Encode(), hasMore: false));
        }

        // A page cursor is only good while the log still ends where its first page saw it end.
        long from = cursor.From, to = item.Log.Head;
        var offset = 0;
        if (cursor.IsPage)
        {
            if (item.MutateDuringNextPage || cursor.To != item.Log.Head)
            {
                item.MutateDuringNextPage = false;
                return PlaidApiError.MutationDuringPagination();
            }

            (to, offset) = (cursor.To, cursor.Offset);
        }

        var updates = item.Log.Between(from, to, accountId);
        var page = updates.Skip(offset).Take(count.Value).ToList();
        var hasMore = offset + page.Count < updates.Count;
        var next = hasMore ? new PlaidSyncCursor(item.ItemId, accountId, from, to, offset + page.Count) : PlaidSyncCursor.Settled(item.ItemId, accountId, to);
        var accounts = item.Accounts.Where(a => page.Any(u => u.Change.AccountId == a.AccountId)).ToList();
        return PlaidResult.Ok(SyncReply(item, page, accounts, next.Encode(), hasMore));
    }

    private static JsonObject SyncReply(PlaidItemRecord item, List<PlaidUpdate> page, List<PlaidAccountRecord> accounts, string nextCursor, bool hasMore) => new()
    {
        ["transactions_update_status"] = item.UpdateStatus,
        ["accounts"] = PlaidJson.Accounts(accounts),
        ["added"] = Transactions(page, PlaidUpdateKind.Added),
        ["modified"] = Transactions(page, PlaidUpdateKind.Modified),
        ["removed"] = new JsonArray([.. page.Where(u => u.Kind == PlaidUpdateKind.Removed)
            .Select(u => (JsonNode)new JsonObject { ["transaction_id"] = u.Change.TransactionId, ["account_id"] = u.Change.AccountId })]),
        ["next_cursor"] = nextCursor,
        ["has_more"] = hasMore,
    };

    private static JsonArray Transactions(List<PlaidUpdate> page, PlaidUpdateKind kind) =>
        [.. page.Where(u => u.Kind == kind).Select(u => (JsonNode)PlaidJson.Transaction(u.Change.After!))];

    /// <summary>Adds a transaction to an account and tells the Item's webhook; null when no Item has the account.</summary>
    public PlaidSimulatedTransaction? AddTransaction(string accountId, PlaidNewTransaction added, bool notify = true)
    {
        lock (gate)
        {
            if (ItemOfAccount(accountId) is not { } item)
            {
                return null;
            }

            var transaction = new PlaidSimulatedTransaction(ids.NextId("transaction"), accountId, added.Amount, added.Date, added.AuthorizedDate ?? added.Date,
                added.Name, added.MerchantName, added.Pending, null, added.PaymentChannel, added.CategoryPrimary, added.CategoryDetailed, added.Payer);
            Record(item, PlaidChange.Added(transaction), notify);
            return transaction;
        }
    }

    /// <summary>Replaces a transaction's data (its id and account stay); null when there is no such transaction.</summary>
    public PlaidSimulatedTransaction? ModifyTransaction(string transactionId, Func<PlaidSimulatedTransaction, PlaidSimulatedTransaction> change, bool notify = true)
    {
        lock (gate)
        {
            if (FindTransaction(transactionId) is not ({ } item, { } before))
            {
                return null;
            }

            var after = change(before) with { TransactionId = before.TransactionId, AccountId = before.AccountId };
            Record(item, PlaidChange.Added(after), notify);
            return after;
        }
    }

    public bool RemoveTransaction(string transactionId, bool notify = true)
    {
        lock (gate)
        {
            if (FindTransaction(transactionId) is not ({ } item, { } before))
            {
                return false;
            }

            Record(item, PlaidChange.Removed(before), notify);
            return true;
        }
    }

    /// <summary>The bank posts a pending transaction: the pending one is removed, a posted one with pending_transaction_id is added.</summary>
    public PlaidSimulatedTransaction? PostPendingTransaction(string transactionId, DateOnly? postedOn, bool notify = true)
    {
        lock (gate)
        {
            if (FindTransaction(transactionId) is not ({ } item, { Pending: true } pending))
            {
                return null;
            }

            var posted = pending with
            {
                TransactionId = ids.NextId("transaction"),
                Date = postedOn ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime),
                Pending = false,
                PendingTransactionId = pending.TransactionId,
            };
            item.Log.Append(PlaidChange.Removed(pending));
            Record(item, PlaidChange.Added(posted), notify);
            return posted;
        }
    }

    public IReadOnlyList<PlaidSimulatedTransaction> TransactionsOf(string itemId)
    {
        lock (gate)
        {
            return byItemId.TryGetValue(itemId, out var item) ? [.. item.Log.Current.OrderBy(t => t.Date).ThenBy(t => t.TransactionId, StringComparer.Ordinal)] : [];
        }
    }

    private (PlaidItemRecord? Item, PlaidSimulatedTransaction? Transaction) FindTransaction(string transactionId)
    {
        foreach (var item in byItemId.Values)
        {
            if (item.Log.Find(transactionId) is { } found)
            {
                return (item, found);
            }
        }

        return (null, null);
    }

    private void Record(PlaidItemRecord item, PlaidChange change, bool notify)
    {
        item.Log.Append(change);
        item.LastSuccessfulUpdate = clock.GetUtcNow();
        if (notify)
        {
            Notify(item, PlaidWebhookBodies.SyncUpdatesAvailable(item));
        }
    }
}
