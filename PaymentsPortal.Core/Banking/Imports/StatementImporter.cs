using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Banking.Accounts;
using PaymentsPortal.Core.Banking.Reconciliation;
using PaymentsPortal.Core.Banking.Statements;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Banking.Imports;

/// <summary>
/// An Admin (<see cref="Permission.BankingManage"/>) imports a bank statement (CSV, OFX or QFX) into an account kept by hand: first a
/// preview to check (and, for a CSV, a column mapping to correct), then the import, all or nothing. Lines the account already holds,
/// from the same file or an overlapping export, are counted and skipped. A refused file is audited and leaves nothing else behind;
/// the file itself is never stored or logged, only its name, size and SHA-256.
/// </summary>
public sealed class StatementImporter(
    IServiceScopeFactory scopes, IAuditTrail trail, PayoutReconciliation reconciliation, TimeProvider clock, ILogger<StatementImporter> logger,
    StatementImportOptions? limits = null)
{
    private const string NotAllowed = "Your role cannot import bank statements.";

    // The headline of a preview that stopped at the file; the problems below it say why.
    private const string Unreadable = "This file cannot be imported:";

    /// <summary>The limits files are read within; the upload control must use the same <see cref="StatementImportOptions.MaxFileBytes"/>.</summary>
    public StatementImportOptions Limits { get; } = limits ?? StatementImportOptions.Default;

    /// <summary>What a file over <see cref="StatementImportOptions.MaxFileBytes"/> is told, wherever it is caught.</summary>
    public string FileTooLargeMessage => StatementUpload.TooLarge(Limits.MaxFileBytes);

    /// <summary>Reads the file and says what importing it would do; stores nothing.</summary>
    public async Task<StatementImportPreview> PreviewAsync(
        UserAccess access, Guid accountId, string fileName, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        if (access.Current is not { } merchant || !access.Has(Permission.BankingManage))
        {
            return StatementImportPreview.Failed(NotAllowed);
        }

        var target = await TargetAsync(merchant.MerchantId, accountId, cancellationToken);
        if (target.Account is not { } account)
        {
            return StatementImportPreview.Failed(target.Error!);
        }

        var (upload, tooLarge) = await StatementUpload.ReadAsync(fileName, content, Limits.MaxFileBytes, cancellationToken);
        if (upload is null)
        {
            return StatementImportPreview.Failed(Unreadable, [tooLarge!], fileName: StatementUpload.CleanFileName(fileName));
        }

        var load = StatementFile.Load(upload.Bytes, Limits);
        if (!load.Succeeded)
        {
            return StatementImportPreview.Failed(Unreadable, load.Problems, fileName: upload.FileName);
        }

        var file = load.File;
        var basics = new StatementImportPreview
        {
            FileName = upload.FileName, EncodingName = file.EncodingName, ByteCount = file.ByteCount,
            AlreadyImportedAt = await FirstImportAsync(merchant.MerchantId, accountId, upload.Sha256, cancellationToken),
        };
        if (file.Format == StatementFormat.Csv)
        {
            var csv = CsvStatementPreview.Create(file, Limits, Currency.TryFrom(account.CurrencyCode, out var currency) ? currency : null);
            return csv.Succeeded
                ? basics with { Format = "csv", Csv = csv, Warnings = [.. StatementAccountChecks.CsvWarnings(csv, account, target.Name)] }
                : basics with { Format = "csv", Error = Unreadable, Problems = csv.Problems };
        }

        var parsed = StatementParser.Parse(file, options: Limits);
        if (!parsed.Succeeded)
        {
            return basics with { Format = "ofx", Error = Unreadable, Problems = parsed.Problems, MoreProblems = parsed.MoreProblems };
        }

        var metadata = parsed.Metadata;
        var dates = parsed.Lines.Select(l => l.Date).ToList();
        return basics with
        {
            Format = FormatOf(file, metadata),
            Ofx = new OfxStatementSummary(
                parsed.Lines.Count, metadata.StartDate ?? (dates.Count > 0 ? dates.Min() : null), metadata.EndDate ?? (dates.Count > 0 ? dates.Max() : null),
                metadata.AccountLast4, metadata.AccountType, metadata.Currency, metadata.LedgerBalance, metadata.LedgerBalanceDate),
            Warnings = [.. StatementAccountChecks.OfxWarnings(metadata, account, target.Name)],
        };
    }

    /// <summary>
    /// Imports the file, all or nothing. A CSV needs <paramref name="mapping"/> (the preview's proposal as the person corrected it; a
    /// mapping without a currency takes the account's); OFX and QFX ignore it. New deposits are matched with payouts straight after.
    /// </summary>
    public async Task<StatementImportResult> ImportAsync(
        UserAccess access, Guid accountId, string fileName, Stream content, CsvColumnMapping? mapping, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        if (access.Current is not { } merchant || !access.Has(Permission.BankingManage))
        {
            return StatementImportResult.Failed(NotAllowed);
        }

        var target = await TargetAsync(merchant.MerchantId, accountId, cancellationToken);
        if (target.Account is not { } account)
        {
            return StatementImportResult.Failed(target.Error!);
        }

        var by = access.AsActor();
        var refusal = new Refusal(merchant.MerchantId, by, account.Id, target.Name, StatementUpload.CleanFileName(fileName));
        var (upload, tooLarge) = await StatementUpload.ReadAsync(fileName, content, Limits.MaxFileBytes, cancellationToken);
        if (upload is null)
        {
            return await RefuseAsync(refusal, [tooLarge!], 0, cancellationToken);
        }

        refusal = refusal with { Sha256 = upload.Sha256, ByteCount = upload.Bytes.Length };
        var load = StatementFile.Load(upload.Bytes, Limits);
        if (!load.Succeeded)
        {
            return await RefuseAsync(refusal, load.Problems, 0, cancellationToken);
        }

        var csvMapping = load.File.Format == StatementFormat.Csv && mapping is not null ? StatementAccountChecks.WithAccountCurrency(mapping, account) : null;
        var parsed = StatementParser.Parse(load.File, csvMapping, Limits);
        refusal = refusal with { Format = FormatOf(load.File, parsed.Metadata) };
        if (!parsed.Succeeded)
        {
            return await RefuseAsync(refusal, parsed.Problems, parsed.MoreProblems, cancellationToken);
        }

        var (wrongCurrency, more) = StatementAccountChecks.CurrencyProblems(parsed.Lines, account, target.Name, Limits.MaxProblems);
        if (wrongCurrency.Count > 0)
        {
            return await RefuseAsync(refusal, wrongCurrency, more, cancellationToken);
        }

        StatementImportWriter.Written written;
        await using (var scope = scopes.CreateForMerchant(merchant.MerchantId))
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            try
            {
                written = await StatementImportWriter.WriteAsync(
                    db, trail, account, target.Name, by, upload, refusal.Format!, parsed, clock.GetUtcNow(), cancellationToken);
            }
            catch (DbUpdateException error) when (error.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // Imports into one account take turns, so only a writer that skips the turn can get here; its transaction is rolled back.
                logger.LogWarning("A statement import into account {AccountId} met lines stored at the same moment; nothing was stored.", account.Id);
                return StatementImportResult.Failed(
                    "Another import into this account stored some of these lines at the same moment, so nothing from this file was stored. "
                    + "Import it again: the lines already stored will be skipped.");
            }
        }

        var import = written.Import;
        logger.LogInformation(
            "Statement import {ImportId} into account {AccountId}: {Lines} lines, {Added} added, {Duplicates} already held.",
            import.Id, account.Id, import.LineCount, import.AddedCount, import.DuplicateCount);
        return new StatementImportResult
        {
            ImportId = import.Id, FileName = import.FileName, Format = import.Format, LineCount = import.LineCount, AddedCount = import.AddedCount,
            DuplicateCount = import.DuplicateCount, FirstDate = import.FirstDate, LastDate = import.LastDate, AlreadyImportedAt = written.AlreadyImportedAt,
            MatchedPayouts = import.AddedCount > 0 ? await MatchNewDepositsAsync(merchant.MerchantId) : 0,
        };
    }

    private static string FormatOf(StatementFile file, StatementMetadata? metadata) =>
        file.Format == StatementFormat.Csv ? "csv" : metadata is { HasIntuitExtensions: true } ? "qfx" : "ofx";

    private sealed record Target(BankAccount? Account, string Name, string? Error);

    /// <summary>The account, if statements may be imported into it: this merchant's, kept by hand, and open.</summary>
    private async Task<Target> TargetAsync(Guid merchantId, Guid accountId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateForMerchant(merchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var account = await db.BankAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null)
        {
            return new Target(null, "", "That bank account does not exist.");
        }

        var name = new BankAccountRow(account, null, null, 0).DisplayName;
        return account switch
        {
            { Source: BankAccountSource.Plaid } => new Target(null, name, $"{name} is read through Plaid: its transactions come from the bank, so statements cannot be imported into it."),
            { ClosedAt: not null } => new Target(null, name, $"{name} is closed: statements can no longer be imported into it."),
            _ => new Target(account, name, null),
        };
    }

    private async Task<DateTimeOffset?> FirstImportAsync(Guid merchantId, Guid accountId, string sha256, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateForMerchant(merchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.StatementImports.AsNoTracking().Where(i => i.AccountId == accountId && i.Sha256 == sha256)
            .OrderBy(i => i.CreatedAt).Select(i => (DateTimeOffset?)i.CreatedAt).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Who refused what, gathered as the file is read, for the refusal's audit entry.</summary>
    private sealed record Refusal(Guid MerchantId, ActingUser By, Guid AccountId, string AccountName, string FileName)
    {
        public string? Format { get; init; }

        public string? Sha256 { get; init; }

        public long? ByteCount { get; init; }
    }

    /// <summary>Audits the refusal, in a transaction of its own, and stores nothing else.</summary>
    private async Task<StatementImportResult> RefuseAsync(Refusal refusal, IReadOnlyList<StatementProblem> problems, int moreProblems, CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateForMerchant(refusal.MerchantId))
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            await trail.AppendAsync(db, StatementImportAudit.Rejected(
                refusal.MerchantId, refusal.By, refusal.AccountId, refusal.AccountName, refusal.FileName, refusal.Format, refusal.Sha256, refusal.ByteCount,
                problems, moreProblems), cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }

        return StatementImportResult.Failed($"Nothing was imported from {refusal.FileName}:", problems, moreProblems) with
        {
            FileName = refusal.FileName, Format = refusal.Format ?? "",
        };
    }

    /// <summary>
    /// Pairs the new deposits with their payouts at once rather than at the next scheduled run. The import is committed by now: a
    /// failure here is logged and left to that run, and no cancellation stops it half-way through reporting a stored import.
    /// </summary>
    private async Task<int> MatchNewDepositsAsync(Guid merchantId)
    {
        try
        {
            return await reconciliation.MatchAsync(merchantId, CancellationToken.None);
        }
        catch (Exception error) when (error is DbUpdateException or NpgsqlException or InvalidOperationException or TimeoutException)
        {
            logger.LogWarning(error, "Matching payouts after a statement import failed for merchant {MerchantId}; the scheduled run will retry.", merchantId);
            return 0;
        }
    }
}
