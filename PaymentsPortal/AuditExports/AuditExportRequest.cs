using PaymentsPortal.Core.Audit.Search;

namespace PaymentsPortal.AuditExports;

/// <summary>What an audit export ticket carries: who may download which chain, filtered how, in which format.</summary>
public sealed record AuditExportRequest(Guid UserId, Guid Chain, AuditFilter Filter, AuditExportFormat Format);
