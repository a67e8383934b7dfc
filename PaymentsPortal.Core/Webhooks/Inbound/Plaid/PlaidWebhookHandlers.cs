using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Banking.Links;
using PaymentsPortal.Core.Banking.Plaid;
using PaymentsPortal.Core.Banking.Transactions;
using PaymentsPortal.Core.Webhooks.Inbound.Processing;

namespace PaymentsPortal.Core.Webhooks.Inbound.Plaid;

/// <summary>
/// A Plaid webhook about one of the merchant's links. The handlers only record what Plaid said (they run inside the inbox's
/// transaction and must not call Plaid): news of transactions asks the bank sync to read the link, and an Item's trouble moves
/// the link to "needs attention" through <see cref="BankLinkHealth"/>. A webhook can arrive before the link is stored (Plaid sends
/// the first one as the token is exchanged): it then waits and is tried again.
/// </summary>
public abstract class PlaidLinkWebhookHandler : IWebhookEventHandler
{
    public WebhookProvider Provider => WebhookProvider.Plaid;

    public abstract string EventType { get; }

    public async Task<WebhookHandling> HandleAsync(WebhookEvent webhook, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        if (PlaidWebhookBody.From(webhook.Entry.Payload) is not { } body)
        {
            return WebhookHandling.Ignored($"{EventType} without an item_id");
        }

        var link = await webhook.Db.BankLinks
            .FromSql($"SELECT * FROM bank_links WHERE merchant_id = {webhook.Entry.MerchantId} AND plaid_item_id = {body.ItemId} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken);
        if (link is null)
        {
            return WebhookHandling.Defer($"no bank link of this merchant has Plaid item {body.ItemId} (yet)", null);
        }

        if (link.Status == BankLinkStatus.Unlinked)
        {
            return WebhookHandling.Ignored($"{link.InstitutionName} was unlinked");
        }

        return await ApplyAsync(webhook, link, body, cancellationToken);
    }

    protected abstract Task<WebhookHandling> ApplyAsync(WebhookEvent webhook, BankLink link, PlaidWebhookBody body, CancellationToken cancellationToken);
}

/// <summary>
/// TRANSACTIONS SYNC_UPDATES_AVAILABLE: the link is marked as asking to be read, and once that is committed this instance's
/// <see cref="BankSyncDrain"/> reads it. The mark is what lasts: if this instance stops first, the bank-sync job reads the link.
/// </summary>
public sealed class PlaidSyncUpdatesHandler(TimeProvider clock, BankSyncSignal signal) : PlaidLinkWebhookHandler
{
    public override string EventType => "TRANSACTIONS:SYNC_UPDATES_AVAILABLE";

    protected override async Task<WebhookHandling> ApplyAsync(WebhookEvent webhook, BankLink link, PlaidWebhookBody body, CancellationToken cancellationToken)
    {
        link.SyncRequestedAt = clock.GetUtcNow();
        await webhook.Db.SaveChangesAsync(cancellationToken);
        return WebhookHandling.Confirmed($"{link.InstitutionName} has new transactions; the bank sync reads them now", null) with { AfterCommit = signal.Raise };
    }
}

/// <summary>ITEM ERROR (and USER_PERMISSION_REVOKED): the link needs an Admin.</summary>
public sealed class PlaidItemErrorHandler(BankLinkHealth health, string eventType = "ITEM:ERROR") : PlaidLinkWebhookHandler
{
    public override string EventType => eventType;

    protected override async Task<WebhookHandling> ApplyAsync(WebhookEvent webhook, BankLink link, PlaidWebhookBody body, CancellationToken cancellationToken)
    {
        var failure = body.Error is { } error ? PlaidErrorClassifier.Classify(error) : null;
        var message = failure is null ? null : BankLinkHealth.AttentionMessage(failure);
        if (EventType != "ITEM:ERROR")
        {
            message = "The account holder withdrew the portal's access at the bank. Link the bank again to continue.";
        }

        if (message is null)
        {
            return WebhookHandling.Ignored($"{link.InstitutionName}: Plaid reported {body.Error?.ErrorCode ?? "an error"} that needs no one");
        }

        await health.NeedsAttentionAsync(webhook.Db, link, body.Error?.ErrorCode ?? EventType, message, webhook.Actor, cancellationToken);
        return WebhookHandling.Confirmed($"{link.InstitutionName} needs attention: {message}", null);
    }
}

/// <summary>ITEM PENDING_EXPIRATION / PENDING_DISCONNECT: consent ends soon; the Admin is asked to renew it.</summary>
public sealed class PlaidConsentExpiringHandler(BankLinkHealth health, string eventType) : PlaidLinkWebhookHandler
{
    public override string EventType => eventType;

    protected override async Task<WebhookHandling> ApplyAsync(WebhookEvent webhook, BankLink link, PlaidWebhookBody body, CancellationToken cancellationToken)
    {
        await health.ConsentExpiringAsync(webhook.Db, link, body.ConsentExpirationTime, webhook.Actor, cancellationToken);
        return WebhookHandling.Confirmed($"{link.InstitutionName}: consent runs out soon", null);
    }
}

/// <summary>ITEM LOGIN_REPAIRED: the Item reads again without the Admin (Plaid repaired it through another app).</summary>
public sealed class PlaidLoginRepairedHandler(BankLinkHealth health) : PlaidLinkWebhookHandler
{
    public override string EventType => "ITEM:LOGIN_REPAIRED";

    protected override async Task<WebhookHandling> ApplyAsync(WebhookEvent webhook, BankLink link, PlaidWebhookBody body, CancellationToken cancellationToken)
    {
        await health.RepairedAsync(webhook.Db, link, webhook.Actor, null, cancellationToken);
        return WebhookHandling.Confirmed($"{link.InstitutionName} is connected again", null);
    }
}

/// <summary>AUTH AUTOMATICALLY_VERIFIED / VERIFICATION_EXPIRED: an account's verification status, audited when it changes.</summary>
public sealed class PlaidAuthVerificationHandler(IAuditTrail trail, TimeProvider clock, string eventType, string status) : PlaidLinkWebhookHandler
{
    public override string EventType => eventType;

    protected override async Task<WebhookHandling> ApplyAsync(WebhookEvent webhook, BankLink link, PlaidWebhookBody body, CancellationToken cancellationToken)
    {
        var account = body.AccountId is null ? null
            : await webhook.Db.BankAccounts.SingleOrDefaultAsync(a => a.LinkId == link.Id && a.PlaidAccountId == body.AccountId, cancellationToken);
        if (account is null)
        {
            return WebhookHandling.Ignored($"{EventType} for an account the portal does not hold");
        }

        if (account.VerificationStatus == status)
        {
            return WebhookHandling.Confirmed($"{account.Name} was {status} already", null);
        }

        var before = account.VerificationStatus;
        account.VerificationStatus = status;
        account.UpdatedAt = clock.GetUtcNow();
        await webhook.Db.SaveChangesAsync(cancellationToken);
        await trail.AppendAsync(webhook.Db, new AuditRecord(
            link.MerchantId, AuditAction.BankAccountVerificationChanged, AuditOutcome.Success, webhook.Actor, "bank_account", account.Id.ToString(),
            $"{account.Name} ••{account.Mask}: {before ?? "unverified"} → {status}", new { before, after = status, institution = link.InstitutionName }),
            cancellationToken);
        return WebhookHandling.Confirmed($"{account.Name}: {status}", null);
    }
}
