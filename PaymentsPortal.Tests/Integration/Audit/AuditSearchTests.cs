using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Audit.Search;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Audit;

[Trait("Tier", "Integration")]
public sealed class AuditSearchTests : IAsyncLifetime
{
    private CoreHost host = default!;
    private Guid merchant;

    public async Task InitializeAsync()
    {
        host = await CoreHost.StartAsync();
        merchant = await host.MerchantIdAsync(DemoData.DemoCoffee);
        for (var i = 1; i <= 25; i++)
        {
            var denied = i % 5 == 0;
            await AppendAsync(new AuditRecord(merchant, denied ? AuditAction.AccessDenied : AuditAction.MemberRoleChanged,
                denied ? AuditOutcome.Denied : AuditOutcome.Success, AuditActor.User(Guid.NewGuid(), i % 2 == 0 ? "Ada Admin" : "Omar Operator"),
                "membership", $"m-{i % 3}", null, new { note = i == 7 ? "50% refund_rate" : "5000 refunds" }));
        }
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task PageAsync_WalksOlderAndBackNewer_WithoutGapsOrRepeats()
    {
        var search = host.Service<AuditSearch>();
        var first = await search.PageAsync(merchant, AuditFilter.None, 10);
        var second = await search.PageAsync(merchant, AuditFilter.None, 10, olderThan: first.OldestSequence);
        var third = await search.PageAsync(merchant, AuditFilter.None, 10, olderThan: second.OldestSequence);
        var back = await search.PageAsync(merchant, AuditFilter.None, 10, newerThan: third.NewestSequence);

        Assert.Equal(Enumerable.Range(1, 25).Reverse().Select(i => (long)i),
            first.Rows.Concat(second.Rows).Concat(third.Rows).Select(r => r.Sequence));
        Assert.Equal((false, true), (first.HasNewer, first.HasOlder));
        Assert.Equal((true, false), (third.HasNewer, third.HasOlder));
        Assert.Equal(second.Rows, back.Rows);
        Assert.True(back.HasNewer);
    }

    [Fact]
    public async Task PageAsync_Filters_Combine()
    {
        var search = host.Service<AuditSearch>();

        var denied = await search.PageAsync(merchant, new AuditFilter { Outcome = AuditOutcome.Denied }, 50);
        var adaOnTarget = await search.PageAsync(merchant, new AuditFilter { Actor = "ada", TargetType = "membership", TargetId = "m-1" }, 50);
        var administration = await search.PageAsync(merchant, new AuditFilter { Group = AuditActionGroup.Administration }, 50);
        var account = await search.PageAsync(merchant, new AuditFilter { Group = AuditActionGroup.Account }, 50);
        var future = await search.PageAsync(merchant, new AuditFilter { From = DateTimeOffset.UtcNow.AddDays(1) }, 50);

        Assert.Equal([25L, 20, 15, 10, 5], denied.Rows.Select(r => r.Sequence));
        Assert.Equal([22L, 16, 10, 4], adaOnTarget.Rows.Select(r => r.Sequence));
        Assert.Equal(25, administration.Rows.Count);
        Assert.Empty(account.Rows);
        Assert.Empty(future.Rows);
    }

    [Fact]
    public async Task PageAsync_Text_IsMatchedLiterally()
    {
        var search = host.Service<AuditSearch>();

        var percent = await search.PageAsync(merchant, new AuditFilter { Text = "50% refund_" }, 50);

        // Unescaped, "%" and "_" would be wildcards and "50% refund_" would match "5000 refunds" too.
        Assert.Equal([7L], percent.Rows.Select(r => r.Sequence));
    }

    private async Task AppendAsync(AuditRecord record)
    {
        await using var db = host.Context(merchant);
        await using var tx = await db.Database.BeginTransactionAsync();
        await host.Service<IAuditTrail>().AppendAsync(db, record);
        await tx.CommitAsync();
    }
}
