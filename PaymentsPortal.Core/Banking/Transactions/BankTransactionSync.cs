using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Banking.Links;
using PaymentsPortal.Core.Banking.Plaid;
using PaymentsPortal.Core.Banking.Reconciliation;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Banking.Transactions;

/// <summary>
/// Brings a link's accounts and transactions in step with Plaid. The accounts (with Plaid's cached balances) are refreshed, then
/// /transactions/sync is read from the stored cursor to the end, and everything it said (added, modified, removed) is stored with the
/// new cursor in one transaction: a crash between pages stores nothing, and the next run reads the same changes again. The link's row
/// lock and a check that the cursor is still the one this run began with keep two instances from storing the same pages twice.
/// </summary>
public sealed partial class BankTransactionSync(
    IServiceScopeFactory scopes, PlaidClient plaid, BankTokenProtector tokens, BankLinkHealth health, PayoutReconciliation reconciliation,
    TimeProvider clock, ILogger<BankTransactionSync> logger)
{
    public static readonly AuditActor Actor = AuditActor.System("bank sync");

    /// <summary>How often a link is read when Plaid has not said it has something new.</summary>
    public static readonly TimeSpan Routine = TimeSpan.FromHours(6);

    /// <summary>Transactions asked for per page: Plaid's maximum, so a first read of a bank's history takes few calls. Tests page smaller.</summary>
    internal int PageSize { get; set; } = PlaidTransactionPages.PageSize;

    /// <summary>Reads every link that asked for it (a SYNC_UPDATES_AVAILABLE webhook) or was not read for <see cref="Routine"/>.</summary>
    public Task<IReadOnlyList<BankSyncResult>> SyncDueAsync(CancellationToken cancellationToken = default) =>
        SyncWhereAsync(routineToo: true, cancellationToken);

    /// <summary>Reads only the links that asked for it since they were last read (what <see cref="BankSyncDrain"/> is woken for).</summary>
    public Task<IReadOnlyList<BankSyncResult>> SyncRequestedAsync(CancellationToken cancellationToken = default) =>
        SyncWhereAsync(routineToo: false, cancellationToken);

    private async Task<IReadOnlyList<BankSyncResult>> SyncWhereAsync(bool routineToo, CancellationToken cancellationToken)
    {
        List<(Guid MerchantId, Guid Id)> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var stale = clock.GetUtcNow() - Routine;
            var readable = db.BankLinks.IgnoreQueryFilters().AsNoTracking()
                .Where(l => l.Status != BankLinkStatus.Unlinked && l.Status != BankLinkStatus.NeedsAttention);
            var asked = routineToo
                ? readable.Where(l => l.TransactionsSyncedAt == null || l.TransactionsSyncedAt < stale || l.SyncRequestedAt > l.TransactionsSyncedAt)
                : readable.Where(l => l.SyncRequestedAt != null && (l.TransactionsSyncedAt == null || l.SyncRequestedAt > l.TransactionsSyncedAt));
            due = (await asked.Select(l => new { l.MerchantId, l.Id }).ToListAsync(cancellationToken)).Select(l => (l.MerchantId, l.Id)).ToList();
        }

        var results = new List<BankSyncResult>();
        foreach (var (merchantId, linkId) in due)
        {
            results.Add(await SyncAsync(merchantId, linkId, cancellationToken));
        }

        return results;
    }

    public async Task<BankSyncResult> SyncAsync(Guid merchantId, Guid linkId, CancellationToken cancellationToken = default)
    {
        string? cursor;
        PlaidAccessToken token;
        await using (var scope = scopes.CreateForMerchant(merchantId))
        {
            var link = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().BankLinks.AsNoTracking().SingleOrDefaultAsync(l => l.Id == linkId, cancellationToken);
            if (link?.ProtectedAccessToken is not { } stored || link.Status == BankLinkStatus.Unlinked)
            {
                return new BankSyncResult(linkId, BankSyncOutcome.Failed, Error: "the link was removed");
            }

            cursor = link.TransactionsCursor;
            token = new PlaidAccessToken(tokens.Unprotect(stored));
        }

        var accounts = await plaid.GetAccountsAsync(token, null, cancellationToken);
        var (pages, failure) = accounts.Succeeded ? await PlaidTransactionPages.ReadAsync(plaid, token, cursor, PageSize, cancellationToken) : (null, accounts.Failure);
        if (failure is not null)
        {
            return await FailedAsync(merchantId, linkId, failure, cancellationToken);
        }

        var result = await StoreAsync(merchantId, linkId, cursor, accounts.Value!.Accounts, pages!, cancellationToken);
        if (result.Outcome == BankSyncOutcome.Synced && result.Added + result.Modified > 0)
        {
            // New deposits may be payouts: pair them now rather than at the next hourly reconciliation.
            await reconciliation.MatchAsync(merchantId, cancellationToken);
        }

        return result;
    }

    private async Task<BankSyncResult> StoreAsync(
        Guid merchantId, Guid linkId, string? cursor, IReadOnlyList<PlaidAccount> listed, PlaidTransactionsSyncResponse[] pages, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateForMerchant(merchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var link = await BankLinkRows.LockAsync(db, merchantId, linkId, cancellationToken);
        if (link is null || link.Status == BankLinkStatus.Unlinked || link.TransactionsCursor != cursor)
        {
            return new BankSyncResult(linkId, BankSyncOutcome.Superseded);
        }

        var now = clock.GetUtcNow();
        var accounts = await PlaidAccountsWriter.ApplyAsync(db, link, listed, now, cancellationToken);
        var changes = await PlaidTransactionsWriter.ApplyAsync(db, merchantId, accounts, pages, now, cancellationToken);
        link.TransactionsCursor = pages[^1].NextCursor;
        link.TransactionsSyncedAt = now;
        link.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await health.RepairedAsync(db, link, Actor, null, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        if (changes.Skipped > 0)
        {
            LogSkipped(logger, changes.Skipped, linkId, merchantId);
        }

        return new BankSyncResult(linkId, BankSyncOutcome.Synced, changes.Added, changes.Modified, changes.Removed, changes.Skipped);
    }

    private async Task<BankSyncResult> FailedAsync(Guid merchantId, Guid linkId, PlaidFailure failure, CancellationToken cancellationToken)
    {
        LogFailed(logger, linkId, merchantId, failure.Kind, failure.ErrorCode);
        if (BankLinkHealth.AttentionMessage(failure) is { } message)
        {
            await using var scope = scopes.CreateForMerchant(merchantId);
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            if (await BankLinkRows.LockAsync(db, merchantId, linkId, cancellationToken) is { } link)
            {
                await health.NeedsAttentionAsync(db, link, failure.ErrorCode ?? failure.Kind.ToString(), message, Actor, cancellationToken);
                await tx.CommitAsync(cancellationToken);
            }
        }

        return new BankSyncResult(linkId, BankSyncOutcome.Failed, Error: failure.Message);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The bank sync could not read link {LinkId} of merchant {MerchantId}: {Kind} {Code}; it reads the same changes next run")]
    private static partial void LogFailed(ILogger logger, Guid linkId, Guid merchantId, PlaidFailureKind kind, string? code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The bank sync left out {Skipped} transaction(s) of link {LinkId} (merchant {MerchantId}) whose amount it could not read")]
    private static partial void LogSkipped(ILogger logger, int skipped, Guid linkId, Guid merchantId);
}
