using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Access.Grants;

/// <summary>
/// Records the expiry of grants whose time is up. Access already ended at expires_at (the resolver checks
/// the time); this writes the state and the audit entry. Safe on several instances at once: each takes
/// the due rows no one else holds (SKIP LOCKED) and the status check makes a second pass a no-op.
/// </summary>
public sealed class AccessGrantExpiry(IServiceScopeFactory scopes, IAuditTrail trail, AccessGrantEvents events, TimeProvider clock)
{
    private const int Batch = 100;

    public async Task<int> ExpireDueAsync(CancellationToken cancellationToken = default)
    {
        var total = 0;
        while (true)
        {
            var expired = await ExpireBatchAsync(cancellationToken);
            total += expired.Count;
            expired.ForEach(g => events.Publish(new AccessGrantChange(g.MerchantId, g.UserId, g.Id, g.Status)));
            if (expired.Count < Batch)
            {
                return total;
            }
        }
    }

    private async Task<List<AccessGrant>> ExpireBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateForPlatform();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        // Across merchants on purpose: the sweep serves every tenant, and each entry goes to its merchant's chain.
        var due = await db.AccessGrants
            .FromSqlInterpolated(
                $"SELECT * FROM access_grants WHERE status = 'Approved' AND expires_at <= {now} ORDER BY expires_at LIMIT {Batch} FOR UPDATE SKIP LOCKED")
            .IgnoreQueryFilters()
            .ToListAsync(cancellationToken);
        foreach (var grant in due)
        {
            await GrantStore.ExpireAsync(trail, db, grant, now, cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        return due;
    }
}
