using System.Text;
using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Banking.Links;
using PaymentsPortal.Core.Banking.Transactions;
using PaymentsPortal.Core.Webhooks.Inbound;
using PaymentsPortal.Core.Webhooks.Inbound.Intake;
using PaymentsPortal.Core.Webhooks.Inbound.Processing;
using PaymentsPortal.Sandbox.Plaid;

namespace PaymentsPortal.Tests.Integration.Banking.Plaid;

/// <summary>
/// Plaid's webhooks as the simulator signs them (ES256, its published key), through the real intake, inbox and handlers: a verified
/// webhook moves the link, a tampered one or one signed by another key stores nothing.
/// </summary>
[Trait("Tier", "Integration")]
public sealed class PlaidWebhookTests : IAsyncLifetime
{
    private PlaidBankBed bed = default!;

    public async Task InitializeAsync() => bed = await PlaidBankBed.StartAsync();

    public async Task DisposeAsync() => await bed.DisposeAsync();

    [Fact]
    public async Task ItemError_Verified_MarksTheLinkNeedsAttentionWithWhatToDo()
    {
        var (link, item) = await bed.LinkAsync();
        bed.Plaid.Simulator.ResetLogin(item.ItemId);

        var received = await DeliverAsync(Last(item.ItemId, "ERROR"));
        await ProcessAsync();

        Assert.Equal(IntakeOutcome.Stored, received.Outcome);
        var stored = await LinkAsync();
        Assert.Equal((BankLinkStatus.NeedsAttention, "ITEM_LOGIN_REQUIRED"), (stored.Status, stored.ErrorCode));
        Assert.Contains("Reconnect", stored.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(link.Id, stored.Id);
    }

    [Fact]
    public async Task SyncUpdatesAvailable_AsksTheBankSyncToReadTheLinkOnItsNextRun()
    {
        var (link, item) = await bed.LinkAsync();
        var sync = bed.Host.Service<BankTransactionSync>();
        Assert.Single(await sync.SyncDueAsync());
        Assert.Empty(await sync.SyncDueAsync());

        Assert.True(bed.Plaid.Simulator.FireWebhook(item.ItemId, "TRANSACTIONS", "SYNC_UPDATES_AVAILABLE"));
        await DeliverAsync(Last(item.ItemId, "SYNC_UPDATES_AVAILABLE"));
        await ProcessAsync();

        Assert.Equal(link.Id, Assert.Single(await sync.SyncDueAsync()).LinkId);
    }

    [Fact]
    public async Task PendingExpiration_AsksTheAdminToRenewConsent()
    {
        var (_, item) = await bed.LinkAsync(PlaidInstitution.PlatypusOauthBank);
        Assert.True(bed.Plaid.Simulator.FireWebhook(item.ItemId, "ITEM", "PENDING_EXPIRATION"));

        await DeliverAsync(Last(item.ItemId, "PENDING_EXPIRATION"));
        await ProcessAsync();

        var stored = await LinkAsync();
        Assert.Equal(BankLinkStatus.ConsentExpiring, stored.Status);
        await using var db = bed.Host.Context(bed.MerchantId);
        Assert.Single(await db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditAction.BankConsentExpiring).ToListAsync());
    }

    [Fact]
    public async Task Webhook_TamperedOrSignedByAnUnknownKey_IsRefusedAndNothingIsStored()
    {
        var (_, item) = await bed.LinkAsync();
        bed.Plaid.Simulator.FireWebhook(item.ItemId, "TRANSACTIONS", "SYNC_UPDATES_AVAILABLE");
        var genuine = Last(item.ItemId, "SYNC_UPDATES_AVAILABLE");
        var otherKeys = new PlaidWebhookKeys();

        var tampered = await DeliverAsync(genuine with { Body = genuine.Body.Replace("SYNC_UPDATES_AVAILABLE", "SYNC_UPDATES_AVAILABLX", StringComparison.Ordinal) });
        var forged = await DeliverAsync(genuine with { Verification = otherKeys.Sign(genuine.Body) });
        var unsigned = await DeliverAsync(genuine with { Verification = "" });

        Assert.Equal([IntakeOutcome.BadSignature, IntakeOutcome.BadSignature, IntakeOutcome.BadSignature], new[] { tampered.Outcome, forged.Outcome, unsigned.Outcome });
        await using var db = bed.Host.Context(bed.MerchantId);
        Assert.False(await db.WebhookInbox.AnyAsync(e => e.Provider == WebhookProvider.Plaid));
    }

    private PlaidWebhook Last(string itemId, string code) => bed.Plaid.Webhooks.Of(itemId, code)[^1];

    private Task<IntakeResult> DeliverAsync(PlaidWebhook webhook) =>
        bed.Host.Service<WebhookIntake>().ReceivePlaidAsync(bed.MerchantId, Encoding.UTF8.GetBytes(webhook.Body), webhook.Verification, CancellationToken.None);

    private Task<int> ProcessAsync() => bed.Host.Service<WebhookInboxProcessor>().ProcessPendingAsync(100);

    private async Task<BankLink> LinkAsync()
    {
        await using var db = bed.Host.Context(bed.MerchantId);
        return await db.BankLinks.AsNoTracking().SingleAsync();
    }
}
