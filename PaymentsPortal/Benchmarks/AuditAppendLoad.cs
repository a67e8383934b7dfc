using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Benchmarks;

/// <summary>
/// Appends the way a feature does, through the real <see cref="IAuditTrail"/>: each append in a transaction
/// of its own, committed. Each writer keeps one context for its merchant (a feature has its context anyway),
/// so what is measured is the audit trail and its transaction, not building contexts.
/// </summary>
internal sealed class AuditAppendLoad(IServiceScopeFactory scopes, IAuditTrail trail) : IAsyncDisposable
{
    private readonly List<AsyncServiceScope> writerScopes = [];

    /// <summary>A context for one writer acting for one merchant, in a scope that lives as long as this load.</summary>
    public async Task<PortalDbContext> ContextForAsync(Guid merchant)
    {
        var scope = scopes.CreateForMerchant(merchant);
        writerScopes.Add(scope);
        return await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
    }

    /// <summary>The whole unit of work of AccountAuditLog: a scope and a context for this one append.</summary>
    public async Task AppendInNewContextAsync(Guid merchant, long n, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateForMerchant(merchant);
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(cancellationToken);
        await AppendAsync(db, merchant, n, cancellationToken);
    }

    public async Task AppendAsync(PortalDbContext db, Guid merchant, long n, CancellationToken cancellationToken)
    {
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await trail.AppendAsync(db, SampleAuditContent.Record(merchant, n), cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var scope in writerScopes)
        {
            await scope.DisposeAsync();
        }
    }
}
