using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Banking.Transactions;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Webhooks.Inbound.Processing;
using PaymentsPortal.Sandbox.Plaid;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Banking.Plaid;

/// <summary>
/// SYNC_UPDATES_AVAILABLE reads the link at once: the handler's committed mark wakes this instance's drain, and nothing calls the
/// bank-sync job. Without the job server the drain stays idle and the mark waits for the job.
/// </summary>
[Trait("Tier", "Integration")]
public sealed class BankSyncDrainTests
{
    private static readonly Dictionary<string, string?> RunsJobs = new() { ["Jobs:RunServer"] = "true" };

    [Fact]
    public async Task SyncUpdatesAvailable_Processed_TheNewTransactionIsReadWithoutWaitingForTheJob()
    {
        await using var bed = await PlaidBankBed.StartAsync(settings: RunsJobs);
        var drain = ActivatorUtilities.CreateInstance<BankSyncDrain>(bed.Host.Services);
        await drain.StartAsync(CancellationToken.None);
        try
        {
            var (_, item) = await bed.LinkAsync();
            await bed.Host.Service<BankTransactionSync>().SyncDueAsync();
            var deposit = bed.Plaid.Simulator.AddTransaction(item.Accounts[0].AccountId, new PlaidNewTransaction(
                new Money(-48_250, Currency.Usd), DateOnly.FromDateTime(DateTime.UtcNow), "STRIPE TRANSFER", "Stripe", Payer: "STRIPE"))!;

            await DeliverLastSyncUpdateAsync(bed, item.ItemId);
            await bed.Host.Service<WebhookInboxProcessor>().ProcessPendingAsync(10);

            var stored = await Eventually.UntilAsync(
                () => TransactionAsync(bed, deposit.TransactionId), t => t is not null, TimeSpan.FromSeconds(20), "the drain to read the new deposit");
            Assert.Equal(48_250, stored!.AmountMinor);
            Assert.Empty(await bed.Host.Service<BankTransactionSync>().SyncRequestedAsync());
        }
        finally
        {
            await drain.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task SyncRequested_ReadsOnlyTheLinksPlaidHadNewsFor()
    {
        await using var bed = await PlaidBankBed.StartAsync();
        var sync = bed.Host.Service<BankTransactionSync>();
        var (link, item) = await bed.LinkAsync();
        Assert.Empty(await sync.SyncRequestedAsync());
        await sync.SyncDueAsync();

        Assert.True(bed.Plaid.Simulator.FireWebhook(item.ItemId, "TRANSACTIONS", "SYNC_UPDATES_AVAILABLE"));
        await DeliverLastSyncUpdateAsync(bed, item.ItemId);
        await bed.Host.Service<WebhookInboxProcessor>().ProcessPendingAsync(10);

        Assert.Equal(link.Id, Assert.Single(await sync.SyncRequestedAsync()).LinkId);
        Assert.Empty(await sync.SyncRequestedAsync());
    }

    private static async Task DeliverLastSyncUpdateAsync(PlaidBankBed bed, string itemId)
    {
        var webhook = bed.Plaid.Webhooks.Of(itemId, "SYNC_UPDATES_AVAILABLE")[^1];
        await bed.Host.Service<Core.Webhooks.Inbound.Intake.WebhookIntake>().ReceivePlaidAsync(
            bed.MerchantId, System.Text.Encoding.UTF8.GetBytes(webhook.Body), webhook.Verification, CancellationToken.None);
    }

    private static async Task<BankTransaction?> TransactionAsync(PlaidBankBed bed, string transactionId)
    {
        await using var db = bed.Host.Context(bed.MerchantId);
        return await db.BankTransactions.AsNoTracking().SingleOrDefaultAsync(t => t.ExternalId == transactionId);
    }
}
