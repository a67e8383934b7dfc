using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Hosting;
using PaymentsPortal.Core.Persistence;

namespace PaymentsPortal.Core.Tenancy;

/// <summary>Reads from the database which merchants a user may open now, and picks the one in use.</summary>
public sealed class AccessResolver(
    IDbContextFactory<PortalDbContext> contexts,
    IOptions<PortalOptions> portal,
    IOptions<SecurityOptions> security)
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

        var current = memberships.FirstOrDefault(m => m.MerchantId == preferredMerchantId) ?? memberships.FirstOrDefault();
        var privileged = user.IsPlatformAdmin || memberships.Any(m => PermissionMatrix.IsPrivileged(m.Role));
        var mustEnroll = privileged && !user.TwoFactorEnabled && security.Value.TwoFactorRequired(portal.Value.Mode);
        return new UserAccess(userId, user.DisplayName, user.IsPlatformAdmin, mustEnroll, user.MustChangePassword, memberships, current);
    }
}
