using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Payments.Refunds;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Payments.Dashboard;

/// <summary>
/// The dashboard's numbers. KPIs and charts come from groups of (day, currency, gateway, status): rolled-up days from the
/// daily totals, the rest from a GROUP BY over the merchant's payments served by an index that covers every column it
/// reads. Everything else is summed in memory from a few hundred groups.
/// </summary>
public sealed class DashboardQueries(IServiceScopeFactory scopes)
{
    /// <summary>
    /// The numbers of [<paramref name="from"/>, <paramref name="to"/>): whole days already rolled up are read from
    /// <c>payment_daily_stats</c> (a row per day and group instead of a row per payment), everything else live from
    /// <c>payments</c>: the part of the period the rollup has not reached (today, yesterday's first hour), a partial first
    /// day, and any day marked dirty since it was rolled up. All of it in one snapshot, so a roller finishing meanwhile
    /// cannot make a day count twice or not at all.
    /// </summary>
    public async Task<DashboardStats> StatsAsync(Guid merchantId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateForMerchant(merchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var rolledUntil = await db.Database.SqlQuery<DateOnly?>(
            $"SELECT rolled_until AS \"Value\" FROM payment_daily_stats_state WHERE merchant_id = {merchantId}").SingleOrDefaultAsync(cancellationToken);
        var plan = DashboardReadPlan.For(from, to, rolledUntil);
        var days = new List<DayTotalsRow>();
        var outcomes = new List<OutcomeTotalsRow>();
        var live = plan.Live.ToList();
        if (plan.Rolled is var (firstDay, untilDay))
        {
            var dirty = await db.Database.SqlQuery<DateOnly>($"""
                SELECT day AS "Value" FROM payment_daily_stats_dirty WHERE merchant_id = {merchantId} AND day >= {firstDay} AND day < {untilDay}
                """).ToListAsync(cancellationToken);
            live.AddRange(dirty.Select(DashboardReadPlan.WholeDay));
            var excluded = dirty.ToArray();

            // One pass over the period's daily groups, summed in SQL to the two shapes the dashboard shows: per day and
            // currency for the chart, per currency, gateway and status for the rest. A year is ~16,000 groups; the
            // dashboard gets ~1,600 rows.
            var rolled = await db.Database.SqlQuery<RolledTotalsRow>($"""
                SELECT GROUPING(s.day) = 0 AS per_day, s.day::timestamp AS day, s.currency_code AS currency, nullif(s.gateway, '') AS gateway,
                       s.status AS status, sum(s.payments)::bigint AS count, sum(s.captured_minor)::bigint AS captured_minor,
                       sum(s.refunded_minor)::bigint AS refunded_minor, sum(s.failed_over)::bigint AS failed_over_count
                FROM payment_daily_stats s
                WHERE s.merchant_id = {merchantId} AND s.day >= {firstDay} AND s.day < {untilDay} AND NOT (s.day = ANY ({excluded}))
                GROUP BY GROUPING SETS ((s.day, s.currency_code), (s.currency_code, s.gateway, s.status))
                """).ToListAsync(cancellationToken);
            days.AddRange(rolled.Where(r => r.PerDay).Select(r => new DayTotalsRow(r.Day!.Value, r.Currency, r.Count, r.CapturedMinor)));
            outcomes.AddRange(rolled.Where(r => !r.PerDay).Select(r =>
                new OutcomeTotalsRow(r.Currency, r.Gateway, r.Status!, r.Count, r.CapturedMinor, r.RefundedMinor, r.FailedOverCount)));
        }

        foreach (var (start, end) in live)
        {
            var (liveDays, liveOutcomes) = PaymentStatsRow.Split(await LiveAsync(db, merchantId, start, end, cancellationToken));
            days.AddRange(liveDays);
            outcomes.AddRange(liveOutcomes);
        }

        await tx.CommitAsync(cancellationToken);
        return DashboardStats.Of(from, to, days, outcomes);
    }

    // Column aliases in snake_case: the model's naming convention applies to SqlQuery results too.
    private static Task<List<PaymentStatsRow>> LiveAsync(PortalDbContext db, Guid merchantId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<PaymentStatsRow>($"""
            SELECT date_trunc('day', created_at AT TIME ZONE 'UTC') AS day, currency_code AS currency, gateway AS gateway, status AS status,
                   count(*) AS count, coalesce(sum(captured_minor), 0)::bigint AS captured_minor,
                   coalesce(sum(refunded_minor), 0)::bigint AS refunded_minor, count(*) FILTER (WHERE failed_over) AS failed_over_count
            FROM payments
            WHERE merchant_id = {merchantId} AND created_at >= {from} AND created_at < {to}
            GROUP BY 1, 2, 3, 4
            """).ToListAsync(cancellationToken);

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
