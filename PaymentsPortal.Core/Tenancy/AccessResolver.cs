using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Access.Grants;
using PaymentsPortal.Core.Hosting;
using PaymentsPortal.Core.Persistence;

namespace PaymentsPortal.Core.Tenancy;

/// <summary>Reads from the database which merchants a user may open now, and picks the one in use.</summary>
public sealed class AccessResolver(
    IDbContextFactory<PortalDbContext> contexts,
    IOptions<PortalOptions> portal,
    IOptions<SecurityOptions> security,
    TimeProvider clock)
{
    public async Task<UserAccess> ResolveAsync(Guid userId, Guid? preferredMerchantId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new { u.DisplayName, u.IsPlatformAdmin, u.IsDisabled, u.TwoFactorEnabled, u.MustChangePassword })
            .SingleOrDefaultAsync(cancellationToken);
        if (user is null || user.IsDisabled)
        {
            return UserAccess.Anonymous;
        }

        // Deliberately across tenants: this is how we learn which tenants the user belongs to.
        var memberships = await db.Memberships.IgnoreQueryFilters().AsNoTracking()
            .Where(m => m.UserId == userId && !m.IsDisabled)
            .Join(db.Merchants.Where(x => x.Status == MerchantStatus.Active), m => m.MerchantId, x => x.Id,
                (m, x) => new { x.Id, x.Name, m.Role })
            .OrderBy(a => a.Name)
            .Select(a => new MerchantAccess(a.Id, a.Name, a.Role))
            .ToListAsync(cancellationToken);
        memberships = await ApplyGrantsAsync(db, userId, memberships, cancellationToken);

        var current = memberships.FirstOrDefault(m => m.MerchantId == preferredMerchantId) ?? memberships.FirstOrDefault();
        var privileged = user.IsPlatformAdmin || memberships.Any(m => PermissionMatrix.IsPrivileged(m.Role));
        var mustEnroll = privileged && !user.TwoFactorEnabled && security.Value.TwoFactorRequired(portal.Value.Mode);
        return new UserAccess(userId, user.DisplayName, user.IsPlatformAdmin, mustEnroll, user.MustChangePassword, memberships, current);
    }

    /// <summary>
    /// The effective role in each merchant is the higher of the membership's and a grant in force. A grant
    /// counts only until its expiry, whether or not the sweep has recorded it yet, and only through an active membership.
    /// </summary>
    private async Task<List<MerchantAccess>> ApplyGrantsAsync(
        PortalDbContext db, Guid userId, List<MerchantAccess> memberships, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        // Across tenants like the memberships above: one user, every merchant they belong to.
        var grants = await db.AccessGrants.IgnoreQueryFilters().AsNoTracking()
            .Where(g => g.UserId == userId && g.Status == AccessGrantStatus.Approved && g.ExpiresAt > now)
            .Select(g => new { g.MerchantId, g.Role, g.ExpiresAt })
            .ToListAsync(cancellationToken);
        return [.. memberships.Select(m =>
            grants.FirstOrDefault(g => g.MerchantId == m.MerchantId) is { ExpiresAt: { } until } grant && RoleOrder.IsHigher(grant.Role, m.Role)
                ? m with { Role = grant.Role, Elevation = new TemporaryElevation(m.Role, until) }
                : m)];
    }
}
