using System.Data;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PaymentsPortal.Core.Common;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Payments.Search;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Payments.Export;

/// <summary>
/// Writes an issued export as CSV, once. Rows are read a keyset page at a time inside one repeatable-read, read-only
/// transaction: memory stays constant however many payments match, and the file is one consistent snapshot (a payment
/// changing meanwhile neither appears twice nor disappears), counted in that same snapshot so progress is exact.
/// </summary>
public sealed partial class PaymentCsvExport(IServiceScopeFactory scopes, TimeProvider clock, ILogger<PaymentCsvExport> logger)
{
    public const int PageSize = 1000;

    /// <summary>How often progress is written back: often enough for a smooth bar, rarely enough to cost nothing.</summary>
    public static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Marks the export as being downloaded by <paramref name="userId"/> and returns it, or null when it does not exist,
    /// belongs to someone else or was downloaded already: a ticket is good for one download.
    /// </summary>
    public async Task<PaymentExport?> ClaimAsync(Guid merchantId, Guid exportId, Guid userId, bool showEmails, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateForMerchant(merchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var now = clock.GetUtcNow();
        var claimed = await db.PaymentExports
            .Where(e => e.Id == exportId && e.RequestedBy == userId && e.Status == PaymentExportStatus.Issued)
            .ExecuteUpdateAsync(s => s
                .SetProperty(e => e.Status, PaymentExportStatus.Streaming)
                .SetProperty(e => e.StartedAt, now)
                .SetProperty(e => e.EmailsMasked, !showEmails), cancellationToken);
        return claimed == 1 ? await db.PaymentExports.AsNoTracking().SingleAsync(e => e.Id == exportId, cancellationToken) : null;
    }

    /// <summary>Writes a claimed export to <paramref name="output"/> and records how it ended; returns the rows written.</summary>
    public async Task<long> WriteAsync(PaymentExport export, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(export);
        ArgumentNullException.ThrowIfNull(output);
        var progress = new Progress(scopes, clock, export);
        try
        {
            var rows = await WriteRowsAsync(export, output, progress, cancellationToken);
            await progress.FinishAsync(PaymentExportStatus.Completed, null);
            return rows;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await progress.FinishAsync(PaymentExportStatus.Abandoned, "The download was cancelled or the browser went away.");
            throw;
        }
        catch (Exception error)
        {
            LogFailed(logger, error, export.Id, progress.Written);
            await progress.FinishAsync(PaymentExportStatus.Failed, "The export stopped on a server error; the file is incomplete.");
            throw;
        }
    }

    private async Task<long> WriteRowsAsync(PaymentExport export, Stream output, Progress progress, CancellationToken cancellationToken)
    {
        var filter = JsonSerializer.Deserialize<PaymentFilter>(export.FilterJson) ?? PaymentFilter.None;
        await using var scope = scopes.CreateForMerchant(export.MerchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await db.Database.ExecuteSqlRawAsync("SET TRANSACTION READ ONLY", cancellationToken);
        var matching = PaymentQueryable.Filter(db.Payments.AsNoTracking().Where(p => p.MerchantId == export.MerchantId), filter);
        await progress.ExpectAsync(await matching.LongCountAsync(cancellationToken));

        // The byte-order mark makes Excel read UTF-8; CRLF line ends are RFC 4180's.
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024, leaveOpen: true) { NewLine = "\r\n" };
        await writer.WriteLineAsync(PaymentCsvRow.Header);
        PaymentCursor? cursor = null;
        while (true)
        {
            var page = PaymentKeyset.Order(cursor is null ? matching : PaymentKeyset.Beyond(matching, export.Sort, cursor), export.Sort);
            var rows = await PaymentCsvRow.Project(page.Take(PageSize)).ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                await writer.WriteLineAsync(row.ToCsv(export.EmailsMasked));
            }

            await writer.FlushAsync(cancellationToken);
            await progress.AddAsync(rows.Count);
            if (rows.Count < PageSize)
            {
                return progress.Written;
            }

            cursor = rows[^1].CursorIn(export.Sort);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Payment export {ExportId} failed after {Rows} rows")]
    private static partial void LogFailed(ILogger logger, Exception error, Guid exportId, long rows);

    /// <summary>Writes the export's progress through its own connection, so the bar moves while the snapshot is read.</summary>
    private sealed class Progress(IServiceScopeFactory scopes, TimeProvider clock, PaymentExport export)
    {
        private DateTimeOffset lastWritten = DateTimeOffset.MinValue;

        public long Written { get; private set; }

        public Task ExpectAsync(long rows) =>
            UpdateAsync(s => s.SetProperty(e => e.ExpectedRows, rows));

        public async Task AddAsync(int rows)
        {
            Written += rows;
            var now = clock.GetUtcNow();
            if (now - lastWritten >= ProgressInterval)
            {
                lastWritten = now;
                var written = Written;
                await UpdateAsync(s => s.SetProperty(e => e.RowsWritten, written));
            }
        }

        public Task FinishAsync(PaymentExportStatus status, string? failure)
        {
            var written = Written;
            var at = clock.GetUtcNow();
            return UpdateAsync(s => s
                .SetProperty(e => e.Status, status)
                .SetProperty(e => e.RowsWritten, written)
                .SetProperty(e => e.FinishedAt, at)
                .SetProperty(e => e.Failure, failure));
        }

        // Never cancelled: the record of how an export ended must be written even when the download was dropped.
        private async Task UpdateAsync(Action<UpdateSettersBuilder<PaymentExport>> set)
        {
            await using var scope = scopes.CreateForMerchant(export.MerchantId);
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            await db.PaymentExports.Where(e => e.Id == export.Id).ExecuteUpdateAsync(set, CancellationToken.None);
        }
    }
}
