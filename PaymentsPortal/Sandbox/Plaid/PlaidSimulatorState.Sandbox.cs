using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Sandbox.Plaid;

/// <summary>Plaid's /sandbox/* helpers, and the Item-level switches the simulator's control surface uses.</summary>
internal sealed partial class PlaidSimulatorState
{
    public PlaidResult CreateSandboxPublicToken(PlaidRequest request)
    {
        var institution = PlaidInstitution.Find(request.Text("institution_id"));
        if (institution is null)
        {
            return PlaidApiError.InstitutionNotFound();
        }

        var products = request.Texts("initial_products");
        if (products is not { Count: > 0 })
        {
            return PlaidApiError.InvalidField("initial_products must be a non-empty array of products");
        }

        if (products.FirstOrDefault(p => !PlaidInstitution.SupportedProducts.Contains(p)) is { } unsupported)
        {
            return new PlaidApiError(400, "INVALID_INPUT", "INVALID_PRODUCT", $"{unsupported} is not supported by the Plaid simulator's institutions");
        }

        var webhook = request.Text("options", "webhook");
        if (webhook is not null && PlaidLinkRules.WebhookProblem(webhook) is { } badWebhook)
        {
            return badWebhook;
        }

        if (IsDown(institution.InstitutionId))
        {
            return PlaidApiError.InstitutionDown();
        }

        // Plaid's sandbox logins: pass_good opens the Item, anything else is refused as a wrong password would be.
        var password = request.Text("options", "override_password") ?? PlaidInstitution.GoodPassword;
        if (password != PlaidInstitution.GoodPassword)
        {
            return PlaidApiError.InvalidCredentials();
        }

        var item = CreateItem(institution, webhook, products);
        return PlaidResult.Ok(new JsonObject { ["public_token"] = IssuePublicToken(item) }, item.ItemId);
    }

    public PlaidResult ResetLogin(PlaidRequest request)
    {
        lock (gate)
        {
            if (Resolve(request.Text("access_token"), out var item) is { } invalid)
            {
                return invalid;
            }

            SetError(item, PlaidApiError.ItemLoginRequired());
            return PlaidResult.Ok(new JsonObject { ["reset_login"] = true }, item.ItemId);
        }
    }

    public PlaidResult FireWebhook(PlaidRequest request)
    {
        lock (gate)
        {
            if (Resolve(request.Text("access_token"), out var item) is { } invalid)
            {
                return invalid;
            }

            return Fire(item, request.Text("webhook_type") ?? "TRANSACTIONS", request.Text("webhook_code")) is { } error
                ? new PlaidResult(null, error, item.ItemId)
                : PlaidResult.Ok(new JsonObject { ["webhook_fired"] = true }, item.ItemId);
        }
    }

    /// <summary>Sends one of the webhooks /sandbox/item/fire_webhook knows (PENDING_EXPIRATION too, as a simulator extension) without changing the Item.</summary>
    public PlaidApiError? Fire(PlaidItemRecord item, string type, string? code)
    {
        if (item.Webhook is null)
        {
            return PlaidApiError.SandboxWebhookInvalid();
        }

        var now = clock.GetUtcNow();
        JsonObject? body = (type, code) switch
        {
            ("TRANSACTIONS", "SYNC_UPDATES_AVAILABLE") => PlaidWebhookBodies.SyncUpdatesAvailable(item),
            ("TRANSACTIONS", "DEFAULT_UPDATE") => PlaidWebhookBodies.TransactionsDefaultUpdate(item, 1),
            ("AUTH", "DEFAULT_UPDATE") => PlaidWebhookBodies.AuthDefaultUpdate(item),
            ("ITEM", "ERROR") => PlaidWebhookBodies.ItemError(item, PlaidApiError.ItemLoginRequired()),
            ("ITEM", "PENDING_EXPIRATION") => PlaidWebhookBodies.PendingExpiration(item, item.ConsentExpiration ?? now.AddDays(7)),
            ("ITEM", "PENDING_DISCONNECT") => PlaidWebhookBodies.PendingDisconnect(item, now.AddDays(7)),
            ("ITEM", "LOGIN_REPAIRED" or "NEW_ACCOUNTS_AVAILABLE" or "USER_PERMISSION_REVOKED") => PlaidWebhookBodies.ItemCode(item, code!),
            _ => null,
        };
        if (body is null)
        {
            return PlaidApiError.InvalidField($"webhook_code {code} is not valid for webhook_type {type}");
        }

        Notify(item, body);
        return null;
    }

    public PlaidResult SetVerificationStatus(PlaidRequest request)
    {
        lock (gate)
        {
            if (Resolve(request.Text("access_token"), out var item) is { } invalid)
            {
                return invalid;
            }

            var status = request.Text("verification_status");
            if (status is not ("automatically_verified" or "verification_expired"))
            {
                return new PlaidResult(null, PlaidApiError.InvalidField("verification_status must be automatically_verified or verification_expired"), item.ItemId);
            }

            return item.Account(request.Text("account_id") ?? "") is { } account
                ? Verify(item, account, status)
                : new PlaidResult(null, PlaidApiError.InvalidAccountId(), item.ItemId);
        }
    }

    public PlaidResult CreateSandboxTransactions(PlaidRequest request)
    {
        lock (gate)
        {
            if (Resolve(request.Text("access_token"), out var item) is { } invalid)
            {
                return invalid;
            }

            if (request.Element("transactions") is not { ValueKind: JsonValueKind.Array } list || list.GetArrayLength() is 0 or > 10)
            {
                return new PlaidResult(null, PlaidApiError.InvalidField("The request contains too many transactions."), item.ItemId);
            }

            // As Plaid's sandbox does, the transactions land on the Item's first depository account.
            var account = item.Accounts[0].AccountId;
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var added = new List<PlaidNewTransaction>();
            foreach (var entry in list.EnumerateArray())
            {
                if (SandboxTransaction(entry, today) is not { } transaction)
                {
                    return new PlaidResult(null, PlaidApiError.InvalidField(
                        "Transaction and posted dates must be within the last 14 days. The posted date cannot be before the transaction date."), item.ItemId);
                }

                added.Add(transaction);
            }

            foreach (var transaction in added)
            {
                AddTransaction(account, transaction, notify: false);
            }

            Notify(item, PlaidWebhookBodies.SyncUpdatesAvailable(item));
            return PlaidResult.Ok([], item.ItemId);
        }
    }

    /// <summary>Puts an Item in an error (or clears it with null) and sends ITEM ERROR, as /sandbox/item/reset_login does.</summary>
    public void SetError(PlaidItemRecord item, PlaidApiError? error)
    {
        item.Error = error;
        if (error is not null)
        {
            Notify(item, PlaidWebhookBodies.ItemError(item, error));
        }
    }

    public void NotifyItem(PlaidItemRecord item, JsonObject body) => Notify(item, body);

    public PlaidResult Verify(PlaidItemRecord item, PlaidAccountRecord account, string status)
    {
        account.VerificationStatus = status;
        Notify(item, PlaidWebhookBodies.MicrodepositVerification(item, status == "automatically_verified" ? "AUTOMATICALLY_VERIFIED" : "VERIFICATION_EXPIRED", account.AccountId));
        return PlaidResult.Ok([], item.ItemId);
    }

    private static PlaidNewTransaction? SandboxTransaction(JsonElement entry, DateOnly today)
    {
        static DateOnly? Day(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            && DateOnly.TryParseExact(v.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

        var transacted = Day(entry, "date_transacted");
        var posted = Day(entry, "date_posted");
        if (transacted is not { } t || posted is not { } p || p < t || t < today.AddDays(-14) || p > today
            || !entry.TryGetProperty("amount", out var amount) || !amount.TryGetDecimal(out var value)
            || !entry.TryGetProperty("description", out var description) || description.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var code = entry.TryGetProperty("iso_currency_code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : "USD";
        if (!Currency.TryFrom(code, out var currency) || !Money.TryParse(Math.Abs(value).ToString(CultureInfo.InvariantCulture), currency, out var money, out _))
        {
            return null;
        }

        return new PlaidNewTransaction(value < 0 ? new Money(-money.MinorUnits, currency) : money, p, description.GetString()!, AuthorizedDate: t);
    }
}
