using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Persistence;

namespace PaymentsPortal.Tests.Integration.Webhooks.Inbound;

/// <summary>
/// The real audit trail with a trap: when <see cref="Trap"/> matches a record, it throws what <see cref="Trap"/> returns after
/// the change it audits was written but before its transaction commits. Throwing <see cref="OperationCanceledException"/> for a
/// canceled token is a crash (the process stops, the transaction is never committed); any other exception is a failing handler.
/// </summary>
internal sealed class FaultyAuditTrail(IAuditTrail inner) : IAuditTrail
{
    public Func<AuditRecord, Exception?> Trap { get; set; } = _ => null;

    public async Task<AuditEntry> AppendAsync(PortalDbContext db, AuditRecord record, CancellationToken cancellationToken = default)
    {
        var entry = await inner.AppendAsync(db, record, cancellationToken);
        if (Trap(record) is { } fault)
        {
            throw fault;
        }

        return entry;
    }
}
