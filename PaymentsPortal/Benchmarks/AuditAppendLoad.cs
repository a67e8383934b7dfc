using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Benchmarks;

/// <summary>
/// One append the way a feature makes it: a short-lived DI scope for the merchant, a fresh context,
/// a transaction, the real <see cref="IAuditTrail"/>, and a commit.
/// </summary>
internal sealed class AuditAppendLoad(IServiceScopeFactory scopes, IAuditTrail trail)
{
    public async Task AppendAsync(Guid merchant, long n, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateForMerchant(merchant);
        var contexts = scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await trail.AppendAsync(db, SampleAuditContent.Record(merchant, n), cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }
}
