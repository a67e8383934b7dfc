using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Persistence;

namespace PaymentsPortal.Core.Payments.Refunds;

/// <summary>
/// Settles refunds whose gateway answer was lost by asking the gateway again under the refund's own key, which the
/// gateway answers with its first result instead of refunding again. A refund left Processing by a crash mid-call is
/// picked up the same way once <see cref="Refund.StalledAfter"/> has passed. Runs on a schedule (and safely on two instances:
/// each refund is settled under its row lock, and a second answer for a settled refund changes nothing).
/// </summary>
public sealed class RefundReconciliation(IServiceScopeFactory scopes, RefundExecutor executor, TimeProvider clock)
{
    public static readonly AuditActor Actor = AuditActor.System("refund-reconciliation");

    public async Task<int> ReconcileDueAsync(int limit, CancellationToken cancellationToken = default)
    {
        List<(Guid MerchantId, Guid Id)> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var now = clock.GetUtcNow();
            due = (await db.Refunds.IgnoreQueryFilters().AsNoTracking()
                    .Where(r => (r.Status == RefundStatus.RequiresReconciliation || r.Status == RefundStatus.Processing) && r.NextReconciliationAt <= now)
                    .OrderBy(r => r.NextReconciliationAt)
                    .Take(limit)
                    .Select(r => new { r.MerchantId, r.Id })
                    .ToListAsync(cancellationToken))
                .Select(r => (r.MerchantId, r.Id)).ToList();
        }

        foreach (var (merchantId, id) in due)
        {
            await executor.ExecuteAsync(merchantId, id, Actor, cancellationToken);
        }

        return due.Count;
    }
}
