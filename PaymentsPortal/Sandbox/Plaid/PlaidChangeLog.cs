namespace PaymentsPortal.Sandbox.Plaid;

/// <summary>One entry of an Item's change log: the transaction as it is after the change, or null when it was removed.</summary>
internal sealed record PlaidChange(string TransactionId, string AccountId, PlaidSimulatedTransaction? After)
{
    public static PlaidChange Added(PlaidSimulatedTransaction transaction) => new(transaction.TransactionId, transaction.AccountId, transaction);

    public static PlaidChange Removed(PlaidSimulatedTransaction transaction) => new(transaction.TransactionId, transaction.AccountId, null);
}

internal enum PlaidUpdateKind
{
    Added,
    Modified,
    Removed,
}

internal sealed record PlaidUpdate(PlaidUpdateKind Kind, PlaidChange Change);

/// <summary>
/// Everything that ever happened to an Item's transactions, in order. A /transactions/sync cursor is a position in it, so an
/// old cursor replays from where it points. Between two positions the changes collapse per transaction, as Plaid reports
/// them: one that was new then is "added" (with its latest data) however often it changed since, one that existed is
/// "modified" or "removed", and one that came and went in between is not mentioned at all.
/// </summary>
internal sealed class PlaidChangeLog
{
    private readonly List<PlaidChange> entries = [];
    private readonly Dictionary<string, PlaidSimulatedTransaction> current = new(StringComparer.Ordinal);

    /// <summary>The position after the last change; a cursor made now points here.</summary>
    public long Head => entries.Count;

    public IReadOnlyCollection<PlaidSimulatedTransaction> Current => current.Values;

    public PlaidSimulatedTransaction? Find(string transactionId) => current.GetValueOrDefault(transactionId);

    public void Append(PlaidChange change)
    {
        entries.Add(change);
        if (change.After is null)
        {
            current.Remove(change.TransactionId);
        }
        else
        {
            current[change.TransactionId] = change.After;
        }
    }

    /// <summary>The collapsed updates after <paramref name="from"/> up to <paramref name="to"/>, by ascending time of their last change.</summary>
    public IReadOnlyList<PlaidUpdate> Between(long from, long to, string? accountId)
    {
        var existed = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < from; i++)
        {
            if (entries[i].After is null)
            {
                existed.Remove(entries[i].TransactionId);
            }
            else
            {
                existed.Add(entries[i].TransactionId);
            }
        }

        var latest = new Dictionary<string, (int Position, PlaidChange Change)>(StringComparer.Ordinal);
        for (var i = (int)from; i < to; i++)
        {
            latest[entries[i].TransactionId] = (i, entries[i]);
        }

        var updates = new List<PlaidUpdate>();
        foreach (var (_, change) in latest.Values.OrderBy(l => l.Position))
        {
            if (accountId is not null && !string.Equals(change.AccountId, accountId, StringComparison.Ordinal))
            {
                continue;
            }

            var wasThere = existed.Contains(change.TransactionId);
            if (change.After is null)
            {
                if (wasThere)
                {
                    updates.Add(new PlaidUpdate(PlaidUpdateKind.Removed, change));
                }
            }
            else
            {
                updates.Add(new PlaidUpdate(wasThere ? PlaidUpdateKind.Modified : PlaidUpdateKind.Added, change));
            }
        }

        return updates;
    }
}
