using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Access.Grants;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Tests.Support;

/// <summary>Actors and shortcuts for temporary access tests, against a <see cref="CoreHost"/> or a running app.</summary>
public static class GrantSteps
{
    public const string Justification = "Investigating disputed payment for support ticket 4711";

    public static readonly AuditOrigin Origin = new("203.0.113.7", "grant-tests");

    public static async Task<ActingUser> ActorAsync(this CoreHost host, string email)
    {
        var user = await host.UserAsync(email);
        return new ActingUser(user.Id, user.DisplayName, Origin);
    }

    public static async Task<ActingUser> ActorAsync(this PortalAppFactory app, string email)
    {
        var normalized = email.ToUpperInvariant();
        await using var db = CoreHost.CreateContext(app.Database.AppConnectionString, FixedTenantScope.None);
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.NormalizedEmail == normalized);
        return new ActingUser(user.Id, user.DisplayName, Origin);
    }

    /// <summary>Requests <paramref name="role"/> for the member and has the admin approve it; returns the grant id.</summary>
    public static async Task<Guid> GrantAsync(
        AccessGrantRequests requests, AccessGrantDecisions decisions, Guid merchantId, ActingUser member, ActingUser admin,
        MerchantRole role, TimeSpan? duration = null)
    {
        var requested = await requests.RequestAsync(merchantId, member, role, duration ?? TimeSpan.FromHours(1), Justification);
        Assert.True(requested.Succeeded, requested.Error);
        var approved = await decisions.ApproveAsync(merchantId, admin, requested.Value, "ok");
        Assert.True(approved.Succeeded, approved.Error);
        return requested.Value;
    }

    /// <summary>Makes an existing account a member of a merchant straight in the database (a second admin, say).</summary>
    public static async Task AddMembershipAsync(this CoreHost host, Guid merchantId, string email, MerchantRole role)
    {
        var user = await host.UserAsync(email);
        await using var db = host.Context(merchantId);
        var now = DateTimeOffset.UtcNow;
        db.Memberships.Add(new MerchantMembership
        {
            MerchantId = merchantId, Id = Guid.CreateVersion7(), UserId = user.Id, Role = role, CreatedAt = now, UpdatedAt = now,
        });
        await db.SaveChangesAsync();
    }

    /// <summary>The audit entries about one grant, in chain order, read across the tenant filter on purpose.</summary>
    public static async Task<IReadOnlyList<AuditEntry>> GrantAuditAsync(string appConnectionString, Guid merchantId, Guid grantId)
    {
        await using var db = CoreHost.CreateContext(appConnectionString, new FixedTenantScope(merchantId));
        var id = grantId.ToString();
        return await db.AuditEntries.AsNoTracking().Where(e => e.TargetId == id).OrderBy(e => e.Sequence).ToListAsync();
    }

    public static async Task<AccessGrant> GrantRowAsync(string appConnectionString, Guid merchantId, Guid grantId)
    {
        await using var db = CoreHost.CreateContext(appConnectionString, new FixedTenantScope(merchantId));
        return await db.AccessGrants.AsNoTracking().SingleAsync(g => g.Id == grantId);
    }
}
