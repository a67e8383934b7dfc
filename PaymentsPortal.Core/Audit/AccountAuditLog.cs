using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Audit;

/// <summary>
/// Records events that describe no other change, each in its own transaction: sign-in, sign-out and
/// lockout on the platform chain (they belong to an account, not to a merchant), and refused access on
/// the chain of the merchant in use (or the platform's when none is).
/// </summary>
public sealed class AccountAuditLog(IServiceScopeFactory scopes, IAuditTrail trail)
{
    public async Task RecordAsync(
        AuditAction action, AuditOutcome outcome, Guid? userId, string actorName, AuditOrigin origin, object? details = null)
    {
        await using var scope = scopes.CreateForPlatform();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync();
        var actor = userId is { } id ? AuditActor.User(id, actorName) : new AuditActor(AuditActorType.User, null, actorName);
        await trail.AppendAsync(db, new AuditRecord(null, action, outcome, actor, "user", userId?.ToString(), null, details, origin));
        await tx.CommitAsync();
    }

    /// <summary>A signed-in user was refused a page or endpoint their role does not allow.</summary>
    public async Task RecordAccessDeniedAsync(UserAccess access, string resource)
    {
        if (access.UserId is null)
        {
            return;
        }

        var merchantId = access.Current?.MerchantId;
        await using var scope = merchantId is { } id ? scopes.CreateForMerchant(id) : scopes.CreateForPlatform();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync();
        await trail.AppendAsync(db, new AuditRecord(merchantId, AuditAction.AccessDenied, AuditOutcome.Denied, access.AsActor().Actor,
            "resource", resource, null, new { role = access.Current?.Role.ToString(), platform_admin = access.IsPlatformAdmin }, access.Origin));
        await tx.CommitAsync();
    }
}
