using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Payments.Dashboard;

/// <summary>
/// Keeps <c>payment_daily_stats</c>: for each closed UTC day, the same groups the dashboard's live query makes (currency,
/// gateway, status). A day is closed an hour after it ends, so no payment still being written can belong to it. A day
/// whose payments change later is marked dirty by a trigger; the next run recomputes it, and until then the dashboard
/// reads that day live. Every run recomputes whole days from <c>payments</c>, so running twice, or on two instances at
/// once, gives the same totals.
/// </summary>
public sealed class PaymentDailyStatsRollup(IServiceScopeFactory scopes, TimeProvider clock)
{
    /// <summary>How long after midnight (UTC) a day is left alone before it is rolled up.</summary>
    public static readonly TimeSpan ClosingDelay = TimeSpan.FromHours(1);

    /// <summary>Rolls up every merchant's closed days and recomputes their dirty ones; returns the days written.</summary>
    public async Task<int> RollAllAsync(CancellationToken cancellationToken = default)
    {
        List<Guid> merchants;
        await using (var scope = scopes.CreateForPlatform())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            merchants = await db.Merchants.AsNoTracking().Select(m => m.Id).ToListAsync(cancellationToken);
        }

        var days = 0;
        foreach (var merchant in merchants)
        {
            days += await RollAsync(merchant, cancellationToken);
        }

        return days;
    }

    public async Task<int> RollAsync(Guid merchantId, CancellationToken cancellationToken = default)
    {
        var closedUntil = DateOnly.FromDateTime((clock.GetUtcNow() - ClosingDelay).UtcDateTime);
        await using var scope = scopes.CreateForMerchant(merchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);

        // One roller per merchant at a time; another instance skips the merchant rather than repeat the work.
        var locked = await db.Database.SqlQuery<bool>(
            $"SELECT pg_try_advisory_xact_lock(hashtextextended('payment_daily_stats:' || {merchantId}::text, 0)) AS \"Value\"").SingleAsync(cancellationToken);
        if (!locked)
        {
            return 0;
        }

        var rolledUntil = await db.Database.SqlQuery<DateOnly?>(
            $"SELECT rolled_until AS \"Value\" FROM payment_daily_stats_state WHERE merchant_id = {merchantId}").SingleOrDefaultAsync(cancellationToken);

        // Taken before any total is computed: a change committed after this statement marks its day again.
        var dirty = await db.Database.SqlQuery<DateOnly>(
            $"DELETE FROM payment_daily_stats_dirty WHERE merchant_id = {merchantId} RETURNING day AS \"Value\"").ToListAsync(cancellationToken);

        var start = rolledUntil ?? await FirstDayAsync(db, merchantId, closedUntil, cancellationToken);
        var written = 0;
        foreach (var day in dirty.Where(d => d < start).Order())
        {
            written += await RecomputeAsync(db, merchantId, day, day.AddDays(1), cancellationToken);
        }

        if (start < closedUntil)
        {
            written += await RecomputeAsync(db, merchantId, start, closedUntil, cancellationToken);
        }

        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO payment_daily_stats_state (merchant_id, rolled_until) VALUES ({merchantId}, {closedUntil})
            ON CONFLICT (merchant_id) DO UPDATE SET rolled_until = greatest(payment_daily_stats_state.rolled_until, excluded.rolled_until)
            """, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return written;
    }

    /// <summary>
    /// Forgets the merchant's totals, so the dashboard reads live until the next run rebuilds them: for payments written
    /// with past creation times (the synthetic data generator), which no trigger marks.
    /// </summary>
    public async Task ResetAsync(Guid merchantId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateForMerchant(merchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"DELETE FROM payment_daily_stats_state WHERE merchant_id = {merchantId}", cancellationToken);
        await db.Database.ExecuteSqlAsync($"DELETE FROM payment_daily_stats_dirty WHERE merchant_id = {merchantId}", cancellationToken);
        await db.Database.ExecuteSqlAsync($"DELETE FROM payment_daily_stats WHERE merchant_id = {merchantId}", cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    private static async Task<DateOnly> FirstDayAsync(PortalDbContext db, Guid merchantId, DateOnly otherwise, CancellationToken cancellationToken)
    {
        var first = await db.Payments.Where(p => p.MerchantId == merchantId).MinAsync(p => (DateTimeOffset?)p.CreatedAt, cancellationToken);
        return first is { } at ? DateOnly.FromDateTime(at.UtcDateTime) : otherwise;
    }

    // Replaces the totals of [from, until) with what payments hold now; returns the days that have payments.
    private static async Task<int> RecomputeAsync(PortalDbContext db, Guid merchantId, DateOnly from, DateOnly until, CancellationToken cancellationToken)
    {
        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(until.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        await db.Database.ExecuteSqlAsync(
            $"DELETE FROM payment_daily_stats WHERE merchant_id = {merchantId} AND day >= {from} AND day < {until}", cancellationToken);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO payment_daily_stats (merchant_id, day, currency_code, gateway, status, payments, captured_minor, refunded_minor, failed_over)
            SELECT merchant_id, (created_at AT TIME ZONE 'UTC')::date, currency_code, coalesce(gateway, ''), status,
                   count(*), coalesce(sum(captured_minor), 0), coalesce(sum(refunded_minor), 0), count(*) FILTER (WHERE failed_over)
            FROM payments
            WHERE merchant_id = {merchantId} AND created_at >= {start} AND created_at < {end}
            GROUP BY 1, 2, 3, 4, 5
            """, cancellationToken);
        return await db.Database.SqlQuery<int>(
            $"SELECT count(DISTINCT day)::int AS \"Value\" FROM payment_daily_stats WHERE merchant_id = {merchantId} AND day >= {from} AND day < {until}")
            .SingleAsync(cancellationToken);
    }
}
