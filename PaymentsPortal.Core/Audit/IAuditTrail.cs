using PaymentsPortal.Core.Persistence;

namespace PaymentsPortal.Core.Audit;

/// <summary>The one audit API: every feature records its actions through it, in its own transaction.</summary>
public interface IAuditTrail
{
    Task<AuditEntry> AppendAsync(PortalDbContext db, AuditRecord record, CancellationToken cancellationToken = default);
}
