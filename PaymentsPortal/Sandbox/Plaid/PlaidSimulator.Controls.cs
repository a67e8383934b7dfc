using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Sandbox.Plaid;

/// <summary>
/// The control surface for tests and the Sandbox: what a bank or Plaid would do on its own (new transactions, a login that
/// breaks, a consent that expires, a bank that goes down), each sending the webhooks Plaid would send.
/// </summary>
public sealed partial class PlaidSimulator
{
    public IReadOnlyList<PlaidSimulatedItem> Items() => State.Items();

    public PlaidSimulatedItem? Item(string itemId) => State.Item(itemId);

    /// <summary>
    /// Makes an Item directly, as /sandbox/public_token/create plus the exchange would (no webhook is sent for it).
    /// The snapshot carries the access token, so a test or the Sandbox seed can use the API with it at once.
    /// </summary>
    public PlaidSimulatedItem CreateItem(string institutionId = PlaidInstitution.FirstPlatypusBank, string? webhook = null, IEnumerable<string>? products = null)
    {
        var institution = PlaidInstitution.Find(institutionId) ?? throw new ArgumentException($"No simulated institution {institutionId}.", nameof(institutionId));
        return State.CreateItem(institution, webhook, products ?? ["auth", "transactions"]).Snapshot();
    }

    /// <summary>A public token for an existing Item, as Link's onSuccess would give (single use, 30 minutes).</summary>
    public string? PublicTokenFor(string itemId) =>
        State.Read(itemId, item => item) is { } item ? State.IssuePublicToken(item) : null;

    /// <summary>The Item's transactions as they are now (removed ones gone), by date.</summary>
    public IReadOnlyList<PlaidSimulatedTransaction> Transactions(string itemId) => State.TransactionsOf(itemId);

    /// <summary>A new transaction on an account (SYNC_UPDATES_AVAILABLE follows); null when no Item has the account.</summary>
    public PlaidSimulatedTransaction? AddTransaction(string accountId, PlaidNewTransaction transaction) =>
        Publishing(State.AddTransaction(accountId, transaction));

    /// <summary>Changes a transaction (it is reported as modified); its id and account cannot change.</summary>
    public PlaidSimulatedTransaction? ModifyTransaction(string transactionId, Func<PlaidSimulatedTransaction, PlaidSimulatedTransaction> change) =>
        Publishing(State.ModifyTransaction(transactionId, change));

    public bool RemoveTransaction(string transactionId) => Publishing(State.RemoveTransaction(transactionId));

    /// <summary>Posts a pending transaction: sync reports the pending one removed and a posted one (pending_transaction_id set) added.</summary>
    public PlaidSimulatedTransaction? PostPendingTransaction(string transactionId, DateOnly? postedOn = null) =>
        Publishing(State.PostPendingTransaction(transactionId, postedOn));

    /// <summary>Sets an account's balances (USD); false when no Item has the account.</summary>
    public bool SetBalance(string accountId, Money available, Money current)
    {
        var item = State.ItemOfAccount(accountId);
        return item is not null && State.Change(item.ItemId, i =>
        {
            var account = i.Account(accountId)!;
            (account.AvailableCents, account.CurrentCents) = (available.MinorUnits, current.MinorUnits);
        });
    }

    /// <summary>Puts the Item in ITEM_LOGIN_REQUIRED and sends ITEM ERROR, exactly as /sandbox/item/reset_login.</summary>
    public bool ResetLogin(string itemId) => SetItemError(itemId, PlaidApiError.ItemLoginRequired());

    /// <summary>Puts the Item in any error (ITEM ERROR webhook follows), or clears it with null.</summary>
    public bool SetItemError(string itemId, PlaidApiError? error) => Publishing(State.Change(itemId, item => State.SetError(item, error)));

    /// <summary>The login was fixed outside the app's update mode: the error clears and ITEM LOGIN_REPAIRED is sent.</summary>
    public bool RepairLogin(string itemId) => Publishing(State.Change(itemId, item =>
    {
        item.Error = null;
        State.NotifyItem(item, PlaidWebhookBodies.ItemCode(item, "LOGIN_REPAIRED"));
    }));

    /// <summary>The bank announces that consent ends at <paramref name="expiresAt"/>: consent_expiration_time is set and ITEM PENDING_EXPIRATION sent.</summary>
    public bool SetConsentExpiration(string itemId, DateTimeOffset expiresAt) => Publishing(State.Change(itemId, item =>
    {
        item.ConsentExpiration = expiresAt;
        State.NotifyItem(item, PlaidWebhookBodies.PendingExpiration(item, expiresAt));
    }));

    /// <summary>Consent ran out: ITEM_LOGIN_REQUIRED (reason OAUTH_CONSENT_EXPIRED at an OAuth bank) and ITEM ERROR; update mode repairs it.</summary>
    public bool ExpireConsent(string itemId) => Publishing(State.Change(itemId, item =>
    {
        item.ConsentExpiration = time.GetUtcNow();
        State.SetError(item, PlaidApiError.ItemLoginRequired(item.Institution.Oauth ? "OAUTH_CONSENT_EXPIRED" : null));
    }));

    /// <summary>Sends a webhook as /sandbox/item/fire_webhook would, without changing the Item; false when the code is unknown or there is no URL.</summary>
    public bool FireWebhook(string itemId, string webhookType, string webhookCode)
    {
        PlaidApiError? error = PlaidApiError.InvalidAccessToken();
        State.Change(itemId, item => error = State.Fire(item, webhookType, webhookCode));
        PublishWebhooks();
        return error is null;
    }

    /// <summary>Verifies (or expires) a micro-deposit account, sending AUTH AUTOMATICALLY_VERIFIED or VERIFICATION_EXPIRED.</summary>
    public bool SetVerificationStatus(string accountId, string status)
    {
        var item = State.ItemOfAccount(accountId);
        return item is not null && Publishing(State.Change(item.ItemId, i => State.Verify(i, i.Account(accountId)!, status)));
    }

    /// <summary>Makes an institution "down": its Items' data calls and Link answer INSTITUTION_DOWN until switched back.</summary>
    public void SetInstitutionDown(string institutionId, bool down = true) => State.SetInstitutionDown(institutionId, down);

    /// <summary>/accounts/balance/get answers RATE_LIMIT_EXCEEDED (429) after <paramref name="calls"/> calls within <paramref name="window"/>.</summary>
    public void SetBalanceRateLimit(int calls, TimeSpan window) => State.SetBalanceRateLimit(calls, window);

    /// <summary>The Item's next /transactions/sync on a page cursor fails with TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION.</summary>
    public bool ForceMutationDuringPagination(string itemId) => State.Change(itemId, item => item.MutateDuringNextPage = true);

    /// <summary>Sets transactions_update_status; NOT_READY makes /transactions/sync answer empty pages, as a new Item does on Plaid.</summary>
    public bool SetTransactionsUpdateStatus(string itemId, string status) => State.Change(itemId, item => item.UpdateStatus = status);

    /// <summary>Signs with a new key from now on; the old key stays retrievable with expired_at set. Returns the new kid.</summary>
    public string RotateWebhookKey() => WebhookKeys.Rotate();

    private T Publishing<T>(T result)
    {
        PublishWebhooks();
        return result;
    }
}
