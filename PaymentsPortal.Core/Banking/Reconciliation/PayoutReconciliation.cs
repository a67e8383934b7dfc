using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Common;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Banking.Reconciliation;

/// <summary>
/// Pairs each merchant's payouts with their bank deposits where the pair is certain (<see cref="PayoutMatcher"/>), and reports what
/// is left. Runs after bank data changes and on a schedule; two instances at once are safe: a merchant's matching holds a
/// transaction-scoped advisory lock, and the match table's keys refuse a second match of either side anyway.
/// </summary>
public sealed class PayoutReconciliation(IServiceScopeFactory scopes, IAuditTrail trail, IOptions<ReconciliationOptions> options, TimeProvider clock)
{
    public static readonly AuditActor Actor = AuditActor.System("payout reconciliation");

    // The advisory lock's first key: "payouts" in ASCII, so it cannot be mistaken for another feature's lock.
    private const int LockSpace = 0x706F7574;

    /// <summary>Auto-matches every merchant that has bank transactions; returns how many pairs were made.</summary>
    public async Task<int> MatchAllAsync(CancellationToken cancellationToken = default)
    {
        List<Guid> merchants;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            merchants = await db.BankAccounts.IgnoreQueryFilters().AsNoTracking().Select(a => a.MerchantId).Distinct().ToListAsync(cancellationToken);
        }

        var made = 0;
        foreach (var merchantId in merchants)
        {
            made += await MatchAsync(merchantId, cancellationToken);
        }

        return made;
    }

    /// <summary>Records every certain pair among the merchant's unmatched payouts and deposits, each audited, in one transaction.</summary>
    public async Task<int> MatchAsync(Guid merchantId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateForMerchant(merchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockSpace}, hashtext({merchantId.ToString()}))", cancellationToken);
        var data = await ReconciliationData.LoadAsync(db, merchantId, From(), cancellationToken);
        var plan = PayoutMatcher.Plan(data.Payouts, data.Deposits, options.Value);
        if (plan.Certain.Count == 0)
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        foreach (var (payout, deposit) in plan.Certain)
        {
            db.PayoutMatches.Add(new PayoutMatch
            {
                MerchantId = merchantId, PayoutId = payout.Id, BankTransactionId = deposit.Id, Kind = PayoutMatchKind.Automatic, MatchedAt = now,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var (payout, deposit) in plan.Certain)
        {
            await trail.AppendAsync(db, PayoutMatchAudit.Matched(merchantId, payout, deposit, PayoutMatchKind.Automatic, Actor, null, null), cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        return plan.Certain.Count;
    }

    /// <summary>The current merchant's report, for a member who may see banking; null otherwise.</summary>
    public async Task<ReconciliationReport?> ReportAsync(UserAccess access, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        return access.Current is { } merchant && access.Has(Permission.BankingView) ? await ReportAsync(merchant.MerchantId, cancellationToken) : null;
    }

    /// <summary>An Admin's "match now": records the certain pairs at once instead of at the next scheduled run.</summary>
    public async Task<CommandResult<int>> MatchNowAsync(UserAccess access, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        return access.Current is { } merchant && access.Has(Permission.BankingManage)
            ? CommandResult.Returning(await MatchAsync(merchant.MerchantId, cancellationToken))
            : CommandResult.Failure<int>("Your role cannot match payouts.");
    }

    public async Task<ReconciliationReport> ReportAsync(Guid merchantId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateForMerchant(merchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var from = From();
        var data = await ReconciliationData.LoadAsync(db, merchantId, from, cancellationToken);
        var plan = PayoutMatcher.Plan(data.Payouts, data.Deposits, options.Value);
        var explained = plan.Certain.Select(c => c.Deposit.Id).Concat(plan.Ambiguous.SelectMany(g => g.Deposits.Select(d => d.Id))).ToHashSet();
        return new ReconciliationReport(
            data.Matched, plan.Certain, plan.Ambiguous, plan.Unmatched, [.. data.Deposits.Where(d => !explained.Contains(d.Id)).OrderByDescending(d => d.Date)], from);
    }

    private DateOnly From() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(-options.Value.LookbackDays);
}
