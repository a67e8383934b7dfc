using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Banking.Accounts;
using PaymentsPortal.Core.Banking.Links;
using PaymentsPortal.Core.Banking.Transactions;

namespace PaymentsPortal.Tests.Integration.Banking.Plaid;

/// <summary>
/// Linking, reconnecting, checking balances and unlinking through the real Plaid client against the Plaid simulator, over PostgreSQL:
/// the access token is stored only encrypted, every step is audited, and Plaid's errors become what an Admin is told to do.
/// </summary>
[Trait("Tier", "Integration")]
public sealed class BankLinkingTests : IAsyncLifetime
{
    private PlaidBankBed bed = default!;

    public async Task InitializeAsync() => bed = await PlaidBankBed.StartAsync();

    public async Task DisposeAsync() => await bed.DisposeAsync();

    [Fact]
    public async Task CreateLinkToken_ForAnAdmin_IsASandboxLinkTokenWithTheMerchantsWebhook()
    {
        var created = await bed.Host.Service<BankLinking>().CreateLinkTokenAsync(bed.Admin, PlaidBankBed.AppBase, null);

        Assert.True(created.Succeeded, created.Error);
        Assert.StartsWith("link-sandbox-", created.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateLinkToken_ForAnOperator_IsRefused()
    {
        var refused = await bed.Host.Service<BankLinking>().CreateLinkTokenAsync(await bed.Host.ResolveAsync("operator@demo.local", bed.MerchantId), PlaidBankBed.AppBase, null);

        Assert.Equal("Your role cannot link bank accounts.", refused.Error);
    }

    [Fact]
    public async Task CompleteLink_StoresTheAccountsAndOnlyTheEncryptedToken_AndAuditsIt()
    {
        var (link, item) = await bed.LinkAsync();

        await using var db = bed.Host.Context(bed.MerchantId);
        var stored = await db.BankLinks.AsNoTracking().SingleAsync();
        Assert.Equal((item.ItemId, "First Platypus Bank", BankLinkStatus.Active), (stored.PlaidItemId, stored.InstitutionName, stored.Status));
        Assert.DoesNotContain(item.AccessToken, stored.ProtectedAccessToken, StringComparison.Ordinal);
        Assert.Equal(item.AccessToken, bed.Host.Service<BankTokenProtector>().Unprotect(stored.ProtectedAccessToken!));
        var anywhere = await db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM bank_links WHERE row_to_json(bank_links)::text LIKE '%access-sandbox%'").SingleAsync();
        Assert.Equal(0, anywhere);
        var accounts = await db.BankAccounts.AsNoTracking().OrderBy(a => a.Mask).ToListAsync();
        Assert.Equal(["0000", "1111"], accounts.Select(a => a.Mask));
        Assert.All(accounts, a => Assert.Equal((BankAccountSource.Plaid, "USD", link.Id), (a.Source, a.CurrencyCode, a.LinkId!.Value)));
        Assert.All(accounts, a => Assert.NotNull(a.CurrentBalanceMinor));
        var audit = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == AuditAction.BankLinked);
        Assert.Equal(("Ada Admin", link.Id.ToString()), (audit.ActorName, audit.TargetId));
        Assert.DoesNotContain("access-", audit.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_AfterTheBankAskedForANewSignIn_MarksTheLinkNeedsAttention_AndReconnectRepairsIt()
    {
        var (link, item) = await bed.LinkAsync();
        bed.Plaid.Simulator.ResetLogin(item.ItemId);

        var failed = await bed.Host.Service<BankTransactionSync>().SyncAsync(bed.MerchantId, link.Id);
        var stillBroken = await bed.Host.Service<BankLinking>().CompleteRepairAsync(bed.Admin, link.Id);
        bed.Plaid.Simulator.RepairLogin(item.ItemId);
        var repaired = await bed.Host.Service<BankLinking>().CompleteRepairAsync(bed.Admin, link.Id);

        Assert.Equal(BankSyncOutcome.Failed, failed.Outcome);
        Assert.StartsWith("The bank still needs attention", stillBroken.Error, StringComparison.Ordinal);
        Assert.True(repaired.Succeeded, repaired.Error);
        await using var db = bed.Host.Context(bed.MerchantId);
        Assert.Equal(BankLinkStatus.Active, (await db.BankLinks.AsNoTracking().SingleAsync()).Status);
        var actions = await db.AuditEntries.AsNoTracking().Where(e => e.TargetId == link.Id.ToString()).OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync();
        Assert.Equal([AuditAction.BankLinked, AuditAction.BankLinkNeedsAttention, AuditAction.BankLinkRepaired], actions);
        Assert.Equal(1, await db.OutboundEvents.CountAsync(e => e.Type == "bank_link.needs_attention"));
    }

    [Fact]
    public async Task CheckBalances_TwiceWithinAMinute_TheSecondIsRefusedWithTheWait()
    {
        var (link, _) = await bed.LinkAsync();
        var checks = bed.Host.Service<BalanceChecks>();

        var first = await checks.CheckNowAsync(bed.Admin, link.Id);
        var second = await checks.CheckNowAsync(bed.Admin, link.Id);

        Assert.True(first.Succeeded, first.Error);
        Assert.Equal(2, first.Value!.Count);
        Assert.StartsWith("Balances were checked moments ago", second.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckBalances_OfAnotherBankWithinTheMinute_IsRefusedToo_TheLimitIsPerMerchant()
    {
        var (first, _) = await bed.LinkAsync();
        var (second, _) = await bed.LinkAsync(PaymentsPortal.Sandbox.Plaid.PlaidInstitution.FirstGinghamCreditUnion);
        var checks = bed.Host.Service<BalanceChecks>();

        var checkedFirst = await checks.CheckNowAsync(bed.Admin, first.Id);
        var checkedSecond = await checks.CheckNowAsync(bed.Admin, second.Id);

        Assert.True(checkedFirst.Succeeded, checkedFirst.Error);
        Assert.StartsWith("Balances were checked moments ago", checkedSecond.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unlink_RemovesTheItemAtPlaid_ErasesTheToken_AndKeepsTheHistory()
    {
        var (link, item) = await bed.LinkAsync();
        await bed.Host.Service<BankTransactionSync>().SyncAsync(bed.MerchantId, link.Id);

        var unlinked = await bed.Host.Service<BankUnlinking>().UnlinkAsync(bed.Admin, link.Id);

        Assert.True(unlinked.Succeeded, unlinked.Error);
        Assert.True(bed.Plaid.Simulator.Item(item.ItemId)!.Removed);
        await using var db = bed.Host.Context(bed.MerchantId);
        var stored = await db.BankLinks.AsNoTracking().SingleAsync();
        Assert.Equal((BankLinkStatus.Unlinked, (string?)null), (stored.Status, stored.ProtectedAccessToken));
        Assert.All(await db.BankAccounts.AsNoTracking().ToListAsync(), a => Assert.NotNull(a.ClosedAt));
        Assert.True(await db.BankTransactions.AnyAsync());
        Assert.Single(await db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditAction.BankUnlinked).ToListAsync());
    }
}
