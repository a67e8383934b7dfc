using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Banking.Reconciliation;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Payouts;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Banking;

/// <summary>
/// Reconciliation over real PostgreSQL: certain pairs are recorded and audited once, however often it runs and on however many
/// instances; the report shows what is left; an Admin matches a near miss and unmatches, both audited; other roles cannot.
/// </summary>
[Trait("Tier", "Integration")]
public sealed class PayoutReconciliationTests : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 11, 20);
    private readonly ManualClock clock = new(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero));
    private CoreHost host = default!;
    private Guid merchantId;
    private BankTestData data = default!;

    public async Task InitializeAsync()
    {
        host = await CoreHost.StartAsync(clock: clock);
        merchantId = await host.MerchantIdAsync(DemoData.DemoCoffee);
        data = new BankTestData(host, merchantId, clock);
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Match_ACertainPair_IsRecordedAndAuditedOnce_EvenWhenTwoInstancesRun()
    {
        var account = await data.AccountAsync();
        var payout = await data.PayoutAsync(125_000, Today.AddDays(-3));
        var deposit = await data.DepositAsync(account, 125_000, Today.AddDays(-2));
        await using var other = host.AnotherInstance();

        var made = await Task.WhenAll(
            host.Service<PayoutReconciliation>().MatchAsync(merchantId),
            other.Service<PayoutReconciliation>().MatchAsync(merchantId));
        var again = await host.Service<PayoutReconciliation>().MatchAllAsync();

        Assert.Equal((1, 0), (made.Sum(), again));
        await using var db = host.Context(merchantId);
        var match = await db.PayoutMatches.AsNoTracking().SingleAsync();
        Assert.Equal((payout.Id, deposit.Id, PayoutMatchKind.Automatic), (match.PayoutId, match.BankTransactionId, match.Kind));
        var audit = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == AuditAction.PayoutMatched);
        Assert.Equal((payout.Id.ToString(), "payout reconciliation"), (audit.TargetId, audit.ActorName));
    }

    [Fact]
    public async Task Report_ShowsMatchedAmbiguousNearMissesAndUnexplainedDeposits()
    {
        var account = await data.AccountAsync();
        var matched = await data.PayoutAsync(10_000, Today.AddDays(-10));
        await data.DepositAsync(account, 10_000, Today.AddDays(-10));
        var twinA = await data.PayoutAsync(50_000, Today.AddDays(-6));
        var twinB = await data.PayoutAsync(50_000, Today.AddDays(-5));
        await data.DepositAsync(account, 50_000, Today.AddDays(-5));
        await data.DepositAsync(account, 50_000, Today.AddDays(-4));
        var short_ = await data.PayoutAsync(124_000, Today.AddDays(-2));
        var nearMiss = await data.DepositAsync(account, 123_450, Today.AddDays(-2));
        var stray = await data.DepositAsync(account, 777, Today.AddDays(-1), "INTEREST");
        await data.PayoutAsync(99_900, Today.AddDays(-2), PayoutStatus.Failed);
        await data.DepositAsync(account, -4_000, Today.AddDays(-1), "CARD PURCHASE");
        await host.Service<PayoutReconciliation>().MatchAsync(merchantId);

        var report = await host.Service<PayoutReconciliation>().ReportAsync(merchantId);

        Assert.Equal(matched.Id, Assert.Single(report.Matched).Payout.Id);
        Assert.Empty(report.Proposed);
        Assert.Equal(new[] { twinA.Id, twinB.Id }.Order(), Assert.Single(report.Ambiguous).Payouts.Select(p => p.Id).Order());
        var unmatched = Assert.Single(report.UnmatchedPayouts);
        Assert.Equal((short_.Id, nearMiss.Id, MatchDifference.Amount), (unmatched.Payout.Id, Assert.Single(unmatched.NearMisses).Deposit.Id, unmatched.NearMisses[0].Difference));
        Assert.Equal(new[] { nearMiss.Id, stray.Id }.Order(), report.UnmatchedDeposits.Select(d => d.Id).Order());
        Assert.Equal("Operating account ••4321", report.UnmatchedDeposits[0].AccountName);
    }

    [Fact]
    public async Task ManualMatch_ANearMissByAnAdmin_IsRecordedWithItsDifferences_AndUnmatchUndoesIt()
    {
        var account = await data.AccountAsync();
        var payout = await data.PayoutAsync(124_000, Today.AddDays(-2));
        var deposit = await data.DepositAsync(account, 123_450, Today.AddDays(-1));
        var admin = await host.ResolveAsync("admin@demo.local", merchantId);
        var matches = host.Service<PayoutMatches>();

        var matchedOk = await matches.MatchAsync(admin, payout.Id, deposit.Id);
        var twice = await matches.MatchAsync(admin, payout.Id, deposit.Id);
        var unmatchedOk = await matches.UnmatchAsync(admin, payout.Id);

        Assert.True(matchedOk.Succeeded, matchedOk.Error);
        Assert.Equal("The payout or the deposit is already matched. Unmatch it first.", twice.Error);
        Assert.True(unmatchedOk.Succeeded, unmatchedOk.Error);
        await using var db = host.Context(merchantId);
        Assert.False(await db.PayoutMatches.AnyAsync());
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(e => e.TargetId == payout.Id.ToString() && (e.Action == AuditAction.PayoutMatched || e.Action == AuditAction.PayoutUnmatched))
            .OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal([AuditAction.PayoutMatched, AuditAction.PayoutUnmatched], entries.Select(e => e.Action));
        Assert.Equal("Ada Admin", entries[0].ActorName);
        Assert.Contains("amount 1234.50 USD against 1240.00 USD; posted 1 day(s) after the expected arrival", entries[0].Details, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("operator@demo.local")]
    [InlineData("compliance@demo.local")]
    public async Task ManualMatch_ByARoleWithoutBankingManage_IsRefused(string email)
    {
        var account = await data.AccountAsync();
        var payout = await data.PayoutAsync(5_000, Today);
        var deposit = await data.DepositAsync(account, 5_000, Today);

        var refused = await host.Service<PayoutMatches>().MatchAsync(await host.ResolveAsync(email, merchantId), payout.Id, deposit.Id);

        Assert.Equal("Your role cannot match payouts.", refused.Error);
    }

    [Fact]
    public async Task ManualMatch_AFailedPayoutOrAWithdrawal_IsRefusedWithTheReason()
    {
        var account = await data.AccountAsync();
        var failed = await data.PayoutAsync(5_000, Today, PayoutStatus.Failed);
        var payout = await data.PayoutAsync(6_000, Today);
        var deposit = await data.DepositAsync(account, 5_000, Today);
        var withdrawal = await data.DepositAsync(account, -6_000, Today);
        var admin = await host.ResolveAsync("admin@demo.local", merchantId);

        var first = await host.Service<PayoutMatches>().MatchAsync(admin, failed.Id, deposit.Id);
        var second = await host.Service<PayoutMatches>().MatchAsync(admin, payout.Id, withdrawal.Id);

        Assert.StartsWith("The payout is failed", first.Error, StringComparison.Ordinal);
        Assert.Equal("Only a posted deposit (money in) can be matched with a payout.", second.Error);
    }
}
