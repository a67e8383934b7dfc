using System.Text.Json.Nodes;

namespace PaymentsPortal.Sandbox.Plaid;

/// <summary>The Item and account endpoints: token exchange, accounts and balances, auth numbers, Item status and removal.</summary>
internal sealed partial class PlaidSimulatorState
{
    public PlaidResult ExchangePublicToken(PlaidRequest request)
    {
        lock (gate)
        {
            var token = request.Text("public_token");
            if (token is null || !publicTokens.TryGetValue(token, out var issued) || issued.Used || issued.Item.Removed)
            {
                return PlaidApiError.InvalidPublicToken(expired: false);
            }

            if (issued.Expires <= clock.GetUtcNow())
            {
                return PlaidApiError.InvalidPublicToken(expired: true);
            }

            // Public tokens are single-use. An update-mode token names an Item that already has its access token: the same one.
            publicTokens[token] = issued with { Used = true };
            var item = issued.Item;
            if (item.Products.Contains("transactions"))
            {
                Notify(item, PlaidWebhookBodies.SyncUpdatesAvailable(item));
            }

            return PlaidResult.Ok(new JsonObject { ["access_token"] = item.AccessToken, ["item_id"] = item.ItemId }, item.ItemId);
        }
    }

    /// <param name="realTimeBalance">/accounts/balance/get: rate limited per client, and balances carry last_updated_datetime.</param>
    public PlaidResult GetAccounts(PlaidRequest request, bool realTimeBalance)
    {
        lock (gate)
        {
            if (Resolve(request.Text("access_token"), out var item) is { } invalid)
            {
                return invalid;
            }

            if (realTimeBalance && !TakeBalanceCall())
            {
                return new PlaidResult(null, PlaidApiError.BalanceRateLimit(), item.ItemId);
            }

            var unknownAccount = SelectAccounts(item, request, out var accounts);
            if ((Reachable(item) ?? unknownAccount) is { } error)
            {
                return new PlaidResult(null, error, item.ItemId);
            }

            return PlaidResult.Ok(new JsonObject
            {
                ["accounts"] = PlaidJson.Accounts(accounts, realTimeBalance ? clock.GetUtcNow() : null),
                ["item"] = PlaidJson.Item(item, withConsentFields: false),
            }, item.ItemId);
        }
    }

    public PlaidResult GetAuth(PlaidRequest request)
    {
        lock (gate)
        {
            if (Resolve(request.Text("access_token"), out var item) is { } invalid)
            {
                return invalid;
            }

            var unknownAccount = SelectAccounts(item, request, out var accounts);
            if ((Reachable(item) ?? unknownAccount) is { } error)
            {
                return new PlaidResult(null, error, item.ItemId);
            }

            // Micro-deposit accounts have no numbers to give until they are verified.
            if (accounts.Any(a => a.VerificationStatus is "pending_automatic_verification" or "pending_manual_verification"))
            {
                return new PlaidResult(null, PlaidApiError.ProductNotReady(), item.ItemId);
            }

            var numbered = accounts.Where(a => a.VerificationStatus is null or "automatically_verified" or "manually_verified").ToList();
            if (!item.Products.Contains("auth"))
            {
                item.Products.Add("auth");
            }

            return PlaidResult.Ok(new JsonObject
            {
                ["accounts"] = PlaidJson.Accounts(accounts),
                ["numbers"] = new JsonObject
                {
                    ["ach"] = new JsonArray([.. numbered.Select(a => (JsonNode)PlaidJson.AchNumbers(item, a))]),
                    ["eft"] = new JsonArray(),
                    ["international"] = new JsonArray(),
                    ["bacs"] = new JsonArray(),
                },
                ["item"] = PlaidJson.Item(item, withConsentFields: false),
            }, item.ItemId);
        }
    }

    public PlaidResult GetItem(PlaidRequest request)
    {
        lock (gate)
        {
            if (Resolve(request.Text("access_token"), out var item) is { } invalid)
            {
                return invalid;
            }

            return PlaidResult.Ok(new JsonObject
            {
                ["item"] = PlaidJson.Item(item, withConsentFields: true),
                ["status"] = new JsonObject
                {
                    ["investments"] = null,
                    ["transactions"] = new JsonObject
                    {
                        ["last_successful_update"] = item.LastSuccessfulUpdate is { } ok ? PlaidJson.Time(ok) : null,
                        ["last_failed_update"] = null,
                    },
                    ["last_webhook"] = item.LastWebhook is { } last
                        ? new JsonObject { ["sent_at"] = PlaidJson.Time(last.SentAt), ["code_sent"] = last.Code }
                        : null,
                },
            }, item.ItemId);
        }
    }

    public PlaidResult RemoveItem(PlaidRequest request)
    {
        lock (gate)
        {
            if (Resolve(request.Text("access_token"), out var item) is { } invalid)
            {
                return invalid;
            }

            item.Removed = true;
            return PlaidResult.Ok([], item.ItemId);
        }
    }

    public PlaidResult GetWebhookVerificationKey(PlaidRequest request) =>
        keys.Find(request.Text("key_id") ?? "") is { } key
            ? PlaidResult.Ok(new JsonObject { ["key"] = key.ToJwk() })
            : PlaidApiError.InvalidWebhookKeyId();

    // A sliding window over the client's recent /accounts/balance/get calls.
    private bool TakeBalanceCall()
    {
        var now = clock.GetUtcNow();
        while (balanceCalls.TryPeek(out var oldest) && oldest <= now - balanceWindow)
        {
            balanceCalls.Dequeue();
        }

        if (balanceCalls.Count >= balanceLimit)
        {
            return false;
        }

        balanceCalls.Enqueue(now);
        return true;
    }
}
