namespace PaymentsPortal.Core.Audit.Search;

public enum AuditExportFormat
{
    /// <summary>For spreadsheets: one row per entry, cells neutralised against formula injection.</summary>
    Csv = 1,

    /// <summary>For auditors: every field with both hashes, so the chain can be recomputed offline.</summary>
    Json = 2,
}
