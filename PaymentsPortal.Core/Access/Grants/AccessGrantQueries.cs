using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Access.Grants;

/// <summary>Reads a merchant's grants for the pages, each in its own short scope for that merchant.</summary>
public sealed class AccessGrantQueries(IServiceScopeFactory scopes, TimeProvider clock)
{
    public const int HistoryLimit = 100;

    /// <summary>The member's own requests and grants in one merchant, newest first.</summary>
    public async Task<IReadOnlyList<AccessGrantRow>> ListMineAsync(Guid merchantId, Guid userId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateForMerchant(merchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var grants = await db.AccessGrants.AsNoTracking()
            .Where(g => g.UserId == userId)
            .OrderByDescending(g => g.RequestedAt)
            .Take(HistoryLimit)
            .ToListAsync(cancellationToken);
        return await ToRowsAsync(db, grants, cancellationToken);
    }

    public async Task<AccessGrantOverview> OverviewAsync(Guid merchantId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateForMerchant(merchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var now = clock.GetUtcNow();
        var open = await db.AccessGrants.AsNoTracking()
            .Where(g => g.Status == AccessGrantStatus.Requested || (g.Status == AccessGrantStatus.Approved && g.ExpiresAt > now))
            .OrderBy(g => g.RequestedAt)
            .ToListAsync(cancellationToken);
        var history = await db.AccessGrants.AsNoTracking()
            .Where(g => g.Status != AccessGrantStatus.Requested && !(g.Status == AccessGrantStatus.Approved && g.ExpiresAt > now))
            .OrderByDescending(g => g.EndedAt ?? g.DecidedAt ?? g.RequestedAt)
            .Take(HistoryLimit)
            .ToListAsync(cancellationToken);
        var rows = await ToRowsAsync(db, [.. open, .. history], cancellationToken);
        return new AccessGrantOverview(
            [.. rows.Take(open.Count).Where(r => r.Status == AccessGrantStatus.Requested)],
            [.. rows.Take(open.Count).Where(r => r.Status == AccessGrantStatus.Approved).OrderBy(r => r.ExpiresAt)],
            [.. rows.Skip(open.Count)]);
    }

    private static async Task<IReadOnlyList<AccessGrantRow>> ToRowsAsync(PortalDbContext db, IReadOnlyList<AccessGrant> grants, CancellationToken cancellationToken)
    {
        var ids = grants.SelectMany(g => new[] { g.UserId, g.DecidedBy, g.EndedBy }).OfType<Guid>().Distinct().ToList();
        var people = await db.Users.AsNoTracking()
            .Where(u => ids.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => (u.DisplayName, Email: u.Email ?? ""), cancellationToken);
        string? NameOf(Guid? id) => id is { } known && people.TryGetValue(known, out var person) ? person.DisplayName : null;

        return [.. grants.Select(g => new AccessGrantRow(
            g.Id, g.UserId, NameOf(g.UserId) ?? "", people.GetValueOrDefault(g.UserId).Email ?? "", g.StandingRole, g.Role, g.Duration,
            g.Justification, g.Status, g.RequestedAt, NameOf(g.DecidedBy), g.DecidedAt, g.DecisionReason, g.ExpiresAt,
            NameOf(g.EndedBy), g.EndedAt, g.EndReason))];
    }
}
