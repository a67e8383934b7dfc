using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Payments.Refunds;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Payments.Dashboard;

/// <summary>
/// The dashboard's numbers. KPIs and charts come from one GROUP BY over the merchant's payments in the period (day,
/// currency, gateway, status), served by an index that covers every column it reads, so the panel costs one index scan
/// whatever the period; everything else is summed in memory from a few hundred groups.
/// </summary>
public sealed class DashboardQueries(IServiceScopeFactory scopes)
{
    public async Task<DashboardStats> StatsAsync(Guid merchantId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateForMerchant(merchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        // Column aliases in snake_case: the model's naming convention applies to SqlQuery results too.
        var rows = await db.Database.SqlQuery<PaymentStatsRow>($"""
            SELECT date_trunc('day', created_at AT TIME ZONE 'UTC') AS day, currency_code AS currency, gateway AS gateway, status AS status,
                   count(*) AS count, coalesce(sum(captured_minor), 0)::bigint AS captured_minor,
                   coalesce(sum(refunded_minor), 0)::bigint AS refunded_minor, count(*) FILTER (WHERE failed_over) AS failed_over_count
            FROM payments
            WHERE merchant_id = {merchantId} AND created_at >= {from} AND created_at < {to}
            GROUP BY 1, 2, 3, 4
            """).ToListAsync(cancellationToken);
        return DashboardStats.Of(from, to, rows);
    }

    /// <summary>What a person should look at now, whatever the period: these never fix themselves without someone.</summary>
    public async Task<NeedsAttention> NeedsAttentionAsync(Guid merchantId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateForMerchant(merchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var reconciling = await db.Payments.CountAsync(p => p.Status == PaymentStatus.RequiresReconciliation, cancellationToken);
        var review = await db.Payments.CountAsync(p => p.Status == PaymentStatus.RequiresReview, cancellationToken);
        var approvals = await db.Refunds.CountAsync(r => r.Status == RefundStatus.PendingApproval, cancellationToken);
        var refundsReconciling = await db.Refunds.CountAsync(r => r.Status == RefundStatus.RequiresReconciliation, cancellationToken);
        return new NeedsAttention(reconciling, review, approvals, refundsReconciling);
    }
}

public sealed record NeedsAttention(int PaymentsReconciling, int PaymentsInReview, int RefundsAwaitingApproval, int RefundsReconciling)
{
    public bool Any => PaymentsReconciling + PaymentsInReview + RefundsAwaitingApproval + RefundsReconciling > 0;
}
