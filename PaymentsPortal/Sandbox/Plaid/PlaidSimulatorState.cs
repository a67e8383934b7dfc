using System.Text.Json.Nodes;

namespace PaymentsPortal.Sandbox.Plaid;

/// <summary>A webhook the state decided to send, before it is signed and handed to the sink.</summary>
internal sealed record PlaidOutgoingWebhook(Uri Url, string WebhookType, string WebhookCode, string ItemId, string Body);

/// <summary>
/// The simulated Plaid environment in memory: Items with their accounts and transaction change logs, and the link, public
/// and access tokens that lead to them. Every read and write happens under one lock; webhooks decided under it are queued and
/// taken by the simulator after the change committed, so none is sent for a change that did not happen.
/// </summary>
internal sealed partial class PlaidSimulatorState(PlaidSimulatorOptions options, PlaidWebhookKeys keys, TimeProvider clock)
{
    private readonly Lock gate = new();
    private readonly PlaidSeededValues ids = new(options.Seed);
    private readonly Dictionary<string, PlaidItemRecord> byAccessToken = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PlaidItemRecord> byItemId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (PlaidItemRecord Item, DateTimeOffset Expires, bool Used)> publicTokens = new(StringComparer.Ordinal);
    private readonly HashSet<string> downInstitutions = new(StringComparer.Ordinal);
    private readonly Queue<DateTimeOffset> balanceCalls = new();
    private readonly List<PlaidOutgoingWebhook> outbox = [];
    private long itemsCreated;
    private int balanceLimit = options.BalanceCallsPerWindow;
    private TimeSpan balanceWindow = options.BalanceRateWindow;

    public PlaidSimulatorOptions Options => options;

    public DateTimeOffset Now => clock.GetUtcNow();

    public IReadOnlyList<PlaidOutgoingWebhook> TakeWebhooks()
    {
        lock (gate)
        {
            var taken = outbox.ToList();
            outbox.Clear();
            return taken;
        }
    }

    public IReadOnlyList<PlaidSimulatedItem> Items()
    {
        lock (gate)
        {
            return [.. byItemId.Values.Select(i => i.Snapshot())];
        }
    }

    public PlaidSimulatedItem? Item(string itemId)
    {
        lock (gate)
        {
            return byItemId.GetValueOrDefault(itemId)?.Snapshot();
        }
    }

    public void SetInstitutionDown(string institutionId, bool down)
    {
        lock (gate)
        {
            _ = down ? downInstitutions.Add(institutionId) : downInstitutions.Remove(institutionId);
        }
    }

    public bool IsDown(string institutionId)
    {
        lock (gate)
        {
            return downInstitutions.Contains(institutionId);
        }
    }

    public void SetBalanceRateLimit(int calls, TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(calls);
        lock (gate)
        {
            (balanceLimit, balanceWindow) = (calls, window);
            balanceCalls.Clear();
        }
    }

    /// <summary>Runs <paramref name="change"/> on an Item under the lock; false when there is no such Item.</summary>
    public bool Change(string itemId, Action<PlaidItemRecord> change)
    {
        lock (gate)
        {
            if (!byItemId.TryGetValue(itemId, out var item))
            {
                return false;
            }

            change(item);
            return true;
        }
    }

    public T? Read<T>(string itemId, Func<PlaidItemRecord, T> read)
    {
        lock (gate)
        {
            return byItemId.TryGetValue(itemId, out var item) ? read(item) : default;
        }
    }

    /// <summary>The Item holding <paramref name="accountId"/> (account ids are unique across the simulator).</summary>
    public PlaidItemRecord? ItemOfAccount(string accountId)
    {
        lock (gate)
        {
            return byItemId.Values.FirstOrDefault(i => i.Account(accountId) is not null);
        }
    }

    /// <summary>Makes an Item with accounts from the institution's templates (all, or those whose masks are listed) and seeded history.</summary>
    public PlaidItemRecord CreateItem(PlaidInstitution institution, string? webhook, IEnumerable<string> products, IReadOnlyCollection<string>? masks = null)
    {
        lock (gate)
        {
            var now = clock.GetUtcNow();
            var item = new PlaidItemRecord(ids.NextId("item"), "access-sandbox-" + Guid.NewGuid().ToString("D"), institution, now)
            {
                Webhook = webhook,
                LastSuccessfulUpdate = now,
                ConsentExpiration = institution.ConsentDays is { } days ? now.AddDays(days) : null,
            };
            item.Products.AddRange(products.Where(PlaidInstitution.SupportedProducts.Contains).Distinct(StringComparer.Ordinal));
            foreach (var template in institution.Accounts.Where(t => masks is null || masks.Contains(t.Mask)))
            {
                item.Accounts.Add(new PlaidAccountRecord(ids.NextId("account"), template, institution.InitialVerificationStatus));
            }

            var checking = item.Accounts.FirstOrDefault(a => a.Template.Subtype == "checking")?.AccountId;
            var savings = item.Accounts.FirstOrDefault(a => a.Template.Subtype == "savings")?.AccountId;
            var dice = PlaidSeededValues.Dice(options.Seed, ++itemsCreated);
            foreach (var change in PlaidTransactionSeed.History(dice, ids, checking, savings, DateOnly.FromDateTime(now.UtcDateTime), options.HistoryDays))
            {
                item.Log.Append(change);
            }

            // Available is what the bank lets you spend: the current balance less purchases not yet posted.
            foreach (var account in item.Accounts)
            {
                account.AvailableCents = account.CurrentCents - item.Log.Current
                    .Where(t => t.Pending && t.AccountId == account.AccountId && t.Amount.MinorUnits > 0).Sum(t => t.Amount.MinorUnits);
            }

            byAccessToken.Add(item.AccessToken, item);
            byItemId.Add(item.ItemId, item);
            return item;
        }
    }

    public string IssuePublicToken(PlaidItemRecord item)
    {
        lock (gate)
        {
            var token = "public-sandbox-" + Guid.NewGuid().ToString("D");
            publicTokens.Add(token, (item, clock.GetUtcNow() + options.PublicTokenLifetime, false));
            return token;
        }
    }

    /// <summary>Queues a webhook for the Item's URL; an Item without a webhook gets none, as on Plaid.</summary>
    private void Notify(PlaidItemRecord item, JsonObject body)
    {
        if (item.Webhook is null || !Uri.TryCreate(item.Webhook, UriKind.Absolute, out var url))
        {
            return;
        }

        var code = body["webhook_code"]!.GetValue<string>();
        item.LastWebhook = (code, clock.GetUtcNow());
        outbox.Add(new PlaidOutgoingWebhook(url, body["webhook_type"]!.GetValue<string>(), code, item.ItemId, PlaidWebhookBodies.Serialize(body)));
    }

    /// <summary>The Item an access token opens, or INVALID_ACCESS_TOKEN (also for removed Items, as Plaid documents).</summary>
    private PlaidApiError? Resolve(string? accessToken, out PlaidItemRecord item)
    {
        if (accessToken is null || !byAccessToken.TryGetValue(accessToken, out item!) || item.Removed)
        {
            item = null!;
            return PlaidApiError.InvalidAccessToken();
        }

        return null;
    }

    /// <summary>What stops a data call: an Item error first (Plaid knows it without asking the bank), then a bank that is down.</summary>
    private PlaidApiError? Reachable(PlaidItemRecord item) =>
        item.Error ?? (downInstitutions.Contains(item.Institution.InstitutionId) ? PlaidApiError.InstitutionDown() : null);

    /// <summary>The accounts named in options.account_ids (all when absent), or INVALID_ACCOUNT_ID when one is not the Item's.</summary>
    private static PlaidApiError? SelectAccounts(PlaidItemRecord item, PlaidRequest request, out List<PlaidAccountRecord> accounts)
    {
        var wanted = request.Texts("account_ids", "options");
        accounts = wanted is null ? [.. item.Accounts] : [.. item.Accounts.Where(a => wanted.Contains(a.AccountId))];
        return wanted is not null && (wanted.Count == 0 || wanted.Any(id => item.Account(id) is null)) ? PlaidApiError.InvalidAccountId() : null;
    }
}
