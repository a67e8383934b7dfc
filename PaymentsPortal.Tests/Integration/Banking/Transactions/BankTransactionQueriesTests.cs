using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Banking.Reconciliation;
using PaymentsPortal.Core.Banking.Transactions;
using PaymentsPortal.Core.Banking.Transactions.Browsing;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Banking.Transactions;

/// <summary>An account's transactions as people browse them: keyset pages, filters, totals, matched payouts, and only the merchant's own.</summary>
[Trait("Tier", "Integration")]
public sealed class BankTransactionQueriesTests : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 11, 20);
    private readonly ManualClock clock = new(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero));
    private CoreHost core = default!;
    private Guid coffee;
    private BankTestData data = default!;

    private BankTransactionQueries Queries => core.Service<BankTransactionQueries>();

    public async Task InitializeAsync()
    {
        core = await CoreHost.StartAsync(clock: clock);
        coffee = await core.MerchantIdAsync(DemoData.DemoCoffee);
        data = new BankTestData(core, coffee, clock);
    }

    public async Task DisposeAsync() => await core.DisposeAsync();

    [Fact]
    public async Task List_PagesNewestFirstWithoutRepeatsOrGaps()
    {
        var account = await data.AccountAsync();
        var written = new List<BankTransaction>();
        for (var i = 0; i < 7; i++)
        {
            // Two a day, so the cursor's tie-break on the id is exercised.
            written.Add(await data.DepositAsync(account, 1_000 + i, Today.AddDays(-(i / 2)), $"LINE {i}"));
        }

        var seen = new List<Guid>();
        BankTransactionCursor? after = null;
        var pages = 0;
        do
        {
            var page = await Queries.ListAsync(Admin(), account.Id, new BankTransactionFilter(), after, 3);
            seen.AddRange(page.Rows.Select(r => r.Transaction.Id));
            after = page.Next;
            pages++;
        }
        while (after is not null);

        Assert.Equal(3, pages);
        var expected = written.OrderByDescending(t => t.Date).ThenByDescending(t => t.Id).Select(t => t.Id).ToList();
        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task Filters_DirectionDaysTextAndWithdrawn()
    {
        var account = await data.AccountAsync();
        var payout = await data.DepositAsync(account, 50_000, Today.AddDays(-1), "STRIPE TRANSFER");
        var rent = await data.DepositAsync(account, -120_000, Today.AddDays(-3), "RENT NOVEMBER");
        var discount = await data.DepositAsync(account, -1_000, Today, "100% OFF COUPON");
        var withdrawn = await data.DepositAsync(account, 7_000, Today.AddDays(-2), "STRIPE TRANSFER (REVERSED)");
        await WithdrawAsync(withdrawn.Id);

        Assert.Equal([payout.Id], await IdsAsync(account.Id, new BankTransactionFilter(Direction: BankTransactionDirection.In)));
        Assert.Equal([discount.Id, rent.Id], await IdsAsync(account.Id, new BankTransactionFilter(Direction: BankTransactionDirection.Out)));
        Assert.Equal([payout.Id, rent.Id], await IdsAsync(account.Id, new BankTransactionFilter(Today.AddDays(-3), Today.AddDays(-1))));
        Assert.Equal([discount.Id], await IdsAsync(account.Id, new BankTransactionFilter(Text: "  100%  ")));
        Assert.Equal([payout.Id, withdrawn.Id], await IdsAsync(account.Id, new BankTransactionFilter(Text: "stripe", IncludeWithdrawn: true)));
    }

    [Fact]
    public async Task Totals_CoverTheWholeFilter_LeaveWithdrawnOut_AndCountOtherCurrenciesApart()
    {
        var account = await data.AccountAsync();
        await data.DepositAsync(account, 50_000, Today, "STRIPE TRANSFER");
        await data.DepositAsync(account, 25_050, Today.AddDays(-1), "STRIPE TRANSFER");
        await data.DepositAsync(account, -10_000, Today.AddDays(-1), "CARD FEES");
        var reversed = await data.DepositAsync(account, 99_999, Today, "REVERSED");
        await WithdrawAsync(reversed.Id);
        await data.DepositAsync(account, 4_000, Today, "EURO WIRE", currency: "EUR");

        var totals = await Queries.TotalsAsync(Admin(), account.Id, new BankTransactionFilter(IncludeWithdrawn: true));

        Assert.NotNull(totals);
        Assert.Equal((3, 75_050L, -10_000L, 65_050L), (totals.Count, totals.In.MinorUnits, totals.Out.MinorUnits, totals.Net.MinorUnits));
        Assert.Equal(1, totals.OtherCurrency);
        Assert.Equal("USD", totals.In.Currency.Code);
    }

    [Fact]
    public async Task List_ShowsThePayoutADepositWasMatchedTo()
    {
        var account = await data.AccountAsync();
        var payout = await data.PayoutAsync(80_000, Today);
        var deposit = await data.DepositAsync(account, 80_000, Today);
        await data.DepositAsync(account, -500, Today, "BANK FEE");
        await core.Service<PayoutReconciliation>().MatchAsync(coffee);

        var page = await Queries.ListAsync(Admin(), account.Id, new BankTransactionFilter(), null, 10);

        Assert.Equal(payout.Id, page.Rows.Single(r => r.Transaction.Id == deposit.Id).MatchedPayout?.Id);
        Assert.Null(page.Rows.Single(r => r.Transaction.Id != deposit.Id).MatchedPayout);
    }

    [Fact]
    public async Task AnotherMerchantsAccount_OrARoleWithoutBanking_SeesNothing()
    {
        var account = await data.AccountAsync();
        await data.DepositAsync(account, 1_000, Today);
        var northwind = await core.MerchantIdAsync(DemoData.Northwind);
        var outsider = Access(northwind, DemoData.Northwind, MerchantRole.Admin);

        Assert.Null(await Queries.AccountAsync(outsider, account.Id));
        Assert.Empty((await Queries.ListAsync(outsider, account.Id, new BankTransactionFilter(), null, 10)).Rows);
        Assert.Null(await Queries.TotalsAsync(outsider, account.Id, new BankTransactionFilter()));
        Assert.Empty((await Queries.ListAsync(Admin(MerchantRole.Support), account.Id, new BankTransactionFilter(), null, 10)).Rows);
        Assert.Single((await Queries.ListAsync(Admin(MerchantRole.Compliance), account.Id, new BankTransactionFilter(), null, 10)).Rows);
    }

    [Fact]
    public async Task Filter_StartAfterEnd_IsAProblemAndReadsNothing()
    {
        var account = await data.AccountAsync();
        await data.DepositAsync(account, 1_000, Today);
        var backwards = new BankTransactionFilter(Today, Today.AddDays(-1));

        Assert.Equal("The start date is after the end date.", backwards.Problem);
        Assert.Empty((await Queries.ListAsync(Admin(), account.Id, backwards, null, 10)).Rows);
        Assert.Null(await Queries.TotalsAsync(Admin(), account.Id, backwards));
    }

    private async Task<List<Guid>> IdsAsync(Guid accountId, BankTransactionFilter filter) =>
        [.. (await Queries.ListAsync(Admin(), accountId, filter, null, 50)).Rows.Select(r => r.Transaction.Id)];

    private async Task WithdrawAsync(Guid transactionId)
    {
        await using var db = core.Context(coffee);
        var transaction = db.BankTransactions.Single(t => t.Id == transactionId);
        transaction.RemovedAt = clock.GetUtcNow();
        await db.SaveChangesAsync();
    }

    private UserAccess Admin(MerchantRole role = MerchantRole.Admin) => Access(coffee, DemoData.DemoCoffee, role);

    private static UserAccess Access(Guid merchantId, string name, MerchantRole role)
    {
        var membership = new MerchantAccess(merchantId, name, role);
        return new UserAccess(Guid.NewGuid(), "Demo " + role, false, false, false, [membership], membership);
    }
}
