using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Banking.Accounts;
using PaymentsPortal.Core.Banking.Statements;
using PaymentsPortal.Core.Banking.Transactions;
using PaymentsPortal.Core.Persistence;

namespace PaymentsPortal.Core.Banking.Imports;

/// <summary>
/// Stores a parsed statement in one transaction: the import row, the lines not already held, and the audit entry, or nothing.
/// Imports into one account take turns on an advisory lock, so the second of two concurrent imports of a file sees the first's
/// lines and counts them as duplicates; the unique key on (merchant, account, source, external id) backs that up. The counts
/// must be right before the import row is written, since the app may not update it afterwards.
/// </summary>
internal static class StatementImportWriter
{
    /// <summary>The advisory lock's first key: "stmt" in ASCII, apart from other features' locks; the second is the account id's hashtext.</summary>
    internal const int LockSpace = 0x73746D74;

    public sealed record Written(StatementImport Import, DateTimeOffset? AlreadyImportedAt);

    public static async Task<Written> WriteAsync(
        PortalDbContext db, IAuditTrail trail, BankAccount account, string accountName, ActingUser by, StatementUpload upload,
        string format, StatementParseResult parsed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockSpace}, hashtext({account.Id.ToString()}))", cancellationToken);

        // The same bytes again add nothing, even under another CSV mapping, whose other fingerprints would otherwise duplicate every line.
        var earlier = await db.StatementImports.AsNoTracking()
            .Where(i => i.AccountId == account.Id && i.Sha256 == upload.Sha256)
            .OrderBy(i => i.CreatedAt).Select(i => (DateTimeOffset?)i.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);
        var fresh = earlier is null ? await NotHeldAsync(db, account.MerchantId, account.Id, parsed.Lines, cancellationToken) : [];

        var metadata = parsed.Metadata!;
        var import = new StatementImport
        {
            MerchantId = account.MerchantId, Id = Guid.CreateVersion7(now), AccountId = account.Id, FileName = upload.FileName, Format = format,
            Sha256 = upload.Sha256, LineCount = parsed.Lines.Count, AddedCount = fresh.Count, DuplicateCount = parsed.Lines.Count - fresh.Count,
            FirstDate = metadata.StartDate ?? (parsed.Lines.Count == 0 ? null : parsed.Lines.Min(l => l.Date)),
            LastDate = metadata.EndDate ?? (parsed.Lines.Count == 0 ? null : parsed.Lines.Max(l => l.Date)),
            ImportedByUserId = by.UserId, CreatedAt = now,
        };
        db.StatementImports.Add(import);
        db.BankTransactions.AddRange(fresh.Select(line => new BankTransaction
        {
            MerchantId = account.MerchantId, Id = Guid.CreateVersion7(now), AccountId = account.Id, Source = BankTransactionSource.Statement,
            ExternalId = line.Fingerprint, Date = line.Date, AmountMinor = line.Amount.MinorUnits, CurrencyCode = line.Amount.Currency.Code,
            Description = Clip(line.Description), ImportId = import.Id, CreatedAt = now, UpdatedAt = now,
        }));
        await db.SaveChangesAsync(cancellationToken);
        await trail.AppendAsync(db, StatementImportAudit.Imported(account.MerchantId, by, import, accountName, metadata.EncodingName, upload.Bytes.Length), cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return new Written(import, earlier);
    }

    /// <summary>
    /// The lines whose fingerprint the account does not hold yet, each fingerprint once. One query joins the file's fingerprints with the
    /// account's lines, with nested loops switched off for it: right after a large import the table's statistics still say the account is
    /// nearly empty, and the planner would then probe the whole account once per fingerprint (100,000 lines took minutes, not a second).
    /// A hash join costs one pass over the account's lines whatever the statistics say.
    /// </summary>
    private static async Task<List<StatementLine>> NotHeldAsync(
        PortalDbContext db, Guid merchantId, Guid accountId, IReadOnlyList<StatementLine> lines, CancellationToken cancellationToken)
    {
        var fingerprints = lines.Select(l => l.Fingerprint).Distinct(StringComparer.Ordinal).ToArray();
        var source = nameof(BankTransactionSource.Statement);
        await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_nestloop = off", cancellationToken);
        var held = await db.Database.SqlQuery<string>($"""
            SELECT b.external_id AS "Value"
            FROM bank_transactions AS b
            JOIN unnest({fingerprints}) AS f(id) ON b.external_id = f.id
            WHERE b.merchant_id = {merchantId} AND b.account_id = {accountId} AND b.source = {source}
            """).ToListAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_nestloop TO DEFAULT", cancellationToken);

        // The parser never gives one fingerprint twice (OFX refuses a repeated FITID, CSV counts identical rows); the set makes sure.
        var skip = held.ToHashSet(StringComparer.Ordinal);
        return [.. lines.Where(l => skip.Add(l.Fingerprint))];
    }

    /// <summary>At most <see cref="BankTransaction.DescriptionMaxLength"/> characters, never half a surrogate pair.</summary>
    internal static string Clip(string description)
    {
        if (description.Length <= BankTransaction.DescriptionMaxLength)
        {
            return description;
        }

        var keep = BankTransaction.DescriptionMaxLength;
        return description[..(char.IsHighSurrogate(description[keep - 1]) ? keep - 1 : keep)];
    }
}
