using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Audit;

/// <summary>
/// Records sign-in, sign-out and lockout events on the platform chain: they belong to an account,
/// not to a merchant. Each event is its own transaction, since it describes no other change.
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
}
