using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Banking.Plaid;
using PaymentsPortal.Core.Banking.Transactions;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Sandbox.Plaid;

namespace PaymentsPortal.Tests.Integration.Banking.Plaid;

/// <summary>
/// The transactions sync against the Plaid simulator over PostgreSQL: every page is read, added, modified and removed transactions
/// land as Plaid said (deposits positive), nothing is stored when a run breaks between pages, and a run restarts when Plaid's data
/// changes during paging.
/// </summary>
[Trait("Tier", "Integration")]
public sealed class BankTransactionSyncTests : IAsyncLifetime
{
    private PlaidBankBed bed = default!;

    public async Task InitializeAsync() => bed = await PlaidBankBed.StartAsync();

    public async Task DisposeAsync() => await bed.DisposeAsync();

    [Fact]
    public async Task Sync_FirstRun_ReadsEveryPageAndStoresDepositsAsMoneyIn()
    {
        var (link, item) = await bed.LinkAsync();
        var sync = bed.Host.Service<BankTransactionSync>();
        sync.PageSize = 25;

        var result = await sync.SyncAsync(bed.MerchantId, link.Id);

        var atPlaid = bed.Plaid.Simulator.Transactions(item.ItemId);
        Assert.Equal((BankSyncOutcome.Synced, atPlaid.Count), (result.Outcome, result.Added));
        Assert.True(atPlaid.Count > 25);
        await using var db = bed.Host.Context(bed.MerchantId);
        var stored = await db.BankTransactions.AsNoTracking().ToListAsync();
        Assert.Equal(atPlaid.Select(t => t.TransactionId).Order(StringComparer.Ordinal), stored.Select(t => t.ExternalId).Order(StringComparer.Ordinal));
        var payout = atPlaid.First(t => t.Name.Contains("STRIPE", StringComparison.Ordinal) && !t.Pending);
        Assert.Equal(-payout.Amount.MinorUnits, stored.Single(t => t.ExternalId == payout.TransactionId).AmountMinor);
        Assert.True(stored.Single(t => t.ExternalId == payout.TransactionId).AmountMinor > 0);
        Assert.NotNull((await db.BankLinks.AsNoTracking().SingleAsync()).TransactionsCursor);
    }

    [Fact]
    public async Task Sync_AfterChangesAtTheBank_AppliesAddedModifiedAndRemoved_AndASecondReadChangesNothing()
    {
        var (link, item) = await bed.LinkAsync();
        var sync = bed.Host.Service<BankTransactionSync>();
        await sync.SyncAsync(bed.MerchantId, link.Id);
        var transactions = bed.Plaid.Simulator.Transactions(item.ItemId).Where(t => !t.Pending).ToList();
        var checking = item.Accounts[0].AccountId;
        var added = bed.Plaid.Simulator.AddTransaction(checking, new PlaidNewTransaction(new Money(-98_765, Currency.Usd), DateOnly.FromDateTime(DateTime.UtcNow), "STRIPE TRANSFER"))!;
        var modified = bed.Plaid.Simulator.ModifyTransaction(transactions[0].TransactionId, t => t with { Name = "RENAMED BY THE BANK" })!;
        Assert.True(bed.Plaid.Simulator.RemoveTransaction(transactions[1].TransactionId));

        var second = await sync.SyncAsync(bed.MerchantId, link.Id);
        var third = await sync.SyncAsync(bed.MerchantId, link.Id);

        Assert.Equal((1, 1, 1), (second.Added, second.Modified, second.Removed));
        Assert.Equal((0, 0, 0), (third.Added, third.Modified, third.Removed));
        await using var db = bed.Host.Context(bed.MerchantId);
        var stored = await db.BankTransactions.AsNoTracking().ToDictionaryAsync(t => t.ExternalId);
        Assert.Equal(98_765, stored[added.TransactionId].AmountMinor);
        Assert.Equal("RENAMED BY THE BANK", stored[modified.TransactionId].Description);
        Assert.NotNull(stored[transactions[1].TransactionId].RemovedAt);
    }

    [Fact]
    public async Task Sync_BrokenBetweenPages_StoresNothing_AndTheNextRunStoresEverythingOnce()
    {
        var failAfterFirstPage = new FailingSecondPage();
        await using var other = bed.Host.AnotherInstance(configure: services =>
            services.AddHttpClient(PlaidClient.HttpClientName).AddHttpMessageHandler(() => failAfterFirstPage));
        var (link, item) = await bed.LinkAsync();
        var broken = other.Service<BankTransactionSync>();
        broken.PageSize = 25;

        var failed = await broken.SyncAsync(bed.MerchantId, link.Id);
        await using (var db = bed.Host.Context(bed.MerchantId))
        {
            Assert.Equal(BankSyncOutcome.Failed, failed.Outcome);
            Assert.False(await db.BankTransactions.AnyAsync());
            Assert.Null((await db.BankLinks.AsNoTracking().SingleAsync()).TransactionsCursor);
        }

        var sync = bed.Host.Service<BankTransactionSync>();
        sync.PageSize = 25;
        var recovered = await sync.SyncAsync(bed.MerchantId, link.Id);

        Assert.Equal(bed.Plaid.Simulator.Transactions(item.ItemId).Count, recovered.Added);
        await using var after = bed.Host.Context(bed.MerchantId);
        Assert.Equal(recovered.Added, await after.BankTransactions.CountAsync());
    }

    [Fact]
    public async Task Sync_DataChangingDuringPaging_RestartsFromTheFirstCursorAndStoresEverythingOnce()
    {
        var (link, item) = await bed.LinkAsync();
        var sync = bed.Host.Service<BankTransactionSync>();
        sync.PageSize = 25;
        Assert.True(bed.Plaid.Simulator.ForceMutationDuringPagination(item.ItemId));

        var result = await sync.SyncAsync(bed.MerchantId, link.Id);

        Assert.Equal((BankSyncOutcome.Synced, bed.Plaid.Simulator.Transactions(item.ItemId).Count), (result.Outcome, result.Added));
    }

    /// <summary>Lets the first /transactions/sync page through and answers every later page as if Plaid broke down.</summary>
    private sealed class FailingSecondPage : DelegatingHandler
    {
        private int pages;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsolutePath.EndsWith("/transactions/sync", StringComparison.Ordinal) && Interlocked.Increment(ref pages) > 1)
            {
                return new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent("upstream went away") };
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
