using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Banking.Imports;

/// <summary>
/// One imported statement file: what it was, who brought it, and what it added. The file's SHA-256 tells an exact re-import at once;
/// overlapping exports are told apart line by line by the lines' fingerprints.
/// </summary>
public sealed class StatementImport : ITenantOwned
{
    public const int FileNameMaxLength = 255;

    public Guid MerchantId { get; init; }

    public Guid Id { get; init; }

    public Guid AccountId { get; init; }

    public string FileName { get; init; } = "";

    /// <summary>csv, ofx or qfx.</summary>
    public string Format { get; init; } = "";

    /// <summary>Hex SHA-256 of the file's bytes.</summary>
    public string Sha256 { get; init; } = "";

    public int LineCount { get; init; }

    public int AddedCount { get; init; }

    /// <summary>Lines already held from an earlier import or an overlapping one, left alone.</summary>
    public int DuplicateCount { get; init; }

    public DateOnly? FirstDate { get; init; }

    public DateOnly? LastDate { get; init; }

    public Guid? ImportedByUserId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
