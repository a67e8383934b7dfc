using System.Text;
using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Banking.Transactions.Browsing;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Banking.Transactions;

/// <summary>An account's transactions as CSV: what the filter selects, debits still numbers, formulas defused, and the export on the trail.</summary>
[Trait("Tier", "Integration")]
public sealed class BankTransactionCsvExportTests : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 11, 20);
    private readonly ManualClock clock = new(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero));
    private CoreHost core = default!;
    private Guid coffee;
    private BankTestData data = default!;

    public async Task InitializeAsync()
    {
        core = await CoreHost.StartAsync(clock: clock);
        coffee = await core.MerchantIdAsync(DemoData.DemoCoffee);
        data = new BankTestData(core, coffee, clock);
    }

    public async Task DisposeAsync() => await core.DisposeAsync();

    [Fact]
    public async Task Export_WritesTheFilteredLines_NewestFirst_AndRecordsItFirst()
    {
        var account = await data.AccountAsync();
        var payout = await data.PayoutAsync(50_000, Today);
        var deposit = await data.DepositAsync(account, 50_000, Today, "STRIPE TRANSFER");
        await data.DepositAsync(account, -1_250, Today.AddDays(-1), "=HYPERLINK(\"http://evil\")");
        await data.DepositAsync(account, -9_900, Today.AddDays(-40), "OLD RENT");
        await core.Service<Core.Banking.Reconciliation.PayoutReconciliation>().MatchAsync(coffee);

        var (count, csv) = await ExportAsync(account.Id, new BankTransactionFilter(From: Today.AddDays(-7)), MerchantRole.Operator);

        Assert.Equal(2, count);
        var lines = csv.TrimStart('\uFEFF').ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("date,description,counterparty,amount,currency,status,source,payout_gateway,payout_reference,transaction_id", lines[0]);
        Assert.Equal($"2026-11-20,STRIPE TRANSFER,,500.00,USD,posted,statement,Stripe,{payout.GatewayReference},{deposit.Id}", lines[1]);
        Assert.StartsWith("2026-11-19,\"'=HYPERLINK(\"\"http://evil\"\")\",,-12.50,USD,posted,statement,,,", lines[2], StringComparison.Ordinal);
        Assert.Equal(3, lines.Length);

        await using var db = core.Context(coffee);
        var entry = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == AuditAction.BankTransactionsExported);
        Assert.Equal(("bank_account", account.Id.ToString()), (entry.TargetType, entry.TargetId));
        Assert.Contains("2026-11-13", entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_ByARoleWithoutBanking_WritesAndRecordsNothing()
    {
        var account = await data.AccountAsync();
        await data.DepositAsync(account, 1_000, Today);

        var (count, csv) = await ExportAsync(account.Id, new BankTransactionFilter(), MerchantRole.Support);

        Assert.Null(count);
        Assert.Equal("", csv);
        await using var db = core.Context(coffee);
        Assert.False(await db.AuditEntries.AnyAsync(e => e.Action == AuditAction.BankTransactionsExported));
    }

    private async Task<(long? Count, string Csv)> ExportAsync(Guid accountId, BankTransactionFilter filter, MerchantRole role)
    {
        var membership = new MerchantAccess(coffee, DemoData.DemoCoffee, role);
        var access = new UserAccess(Guid.NewGuid(), "Demo " + role, false, false, false, [membership], membership);
        using var output = new MemoryStream();
        var count = await core.Service<BankTransactionCsvExport>().ExportAsync(access, accountId, filter, output, access.AsActor());
        return (count, Encoding.UTF8.GetString(output.ToArray()));
    }
}
