using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Banking.Accounts;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Banking.Transactions.Browsing;

/// <summary>
/// One bank account's transactions for people who may see banking: newest first, keyset-paged on (day, id) through the
/// (merchant, account, day) index, each with the payout it was matched to. Reads the current merchant's rows only.
/// </summary>
public sealed class BankTransactionQueries(IServiceScopeFactory scopes)
{
    public async Task<BankAccountView?> AccountAsync(UserAccess access, Guid accountId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        if (access.Current is not { } merchant || !access.Has(Permission.BankingView))
        {
            return null;
        }

        await using var scope = scopes.CreateForMerchant(merchant.MerchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var account = await db.BankAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null)
        {
            return null;
        }

        var link = account.LinkId is { } linkId ? await db.BankLinks.AsNoTracking().SingleOrDefaultAsync(l => l.Id == linkId, cancellationToken) : null;
        var lastImport = await db.StatementImports.AsNoTracking().Where(i => i.AccountId == accountId).MaxAsync(i => (DateTimeOffset?)i.CreatedAt, cancellationToken);
        var count = await db.BankTransactions.AsNoTracking().CountAsync(t => t.AccountId == accountId && t.RemovedAt == null, cancellationToken);
        return new BankAccountView(new BankAccountRow(account, link, lastImport, count), account.ClosedAt is not null);
    }

    public async Task<BankTransactionPage> ListAsync(
        UserAccess access, Guid accountId, BankTransactionFilter filter, BankTransactionCursor? after, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        if (access.Current is not { } merchant || !access.Has(Permission.BankingView) || filter.Problem is not null)
        {
            return new BankTransactionPage([], null);
        }

        await using var scope = scopes.CreateForMerchant(merchant.MerchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var selected = Filtered(db, accountId, filter);
        if (after is { } cursor)
        {
            selected = selected.Where(t => t.Date <= cursor.Date && (t.Date < cursor.Date || t.Id.CompareTo(cursor.Id) < 0));
        }

        var page = await selected.OrderByDescending(t => t.Date).ThenByDescending(t => t.Id).Take(pageSize + 1).ToListAsync(cancellationToken);
        var shown = page.Take(pageSize).ToList();
        var ids = shown.Select(t => t.Id).ToList();
        var matched = await db.PayoutMatches.AsNoTracking()
            .Where(m => ids.Contains(m.BankTransactionId))
            .Join(db.Payouts.AsNoTracking(), m => m.PayoutId, p => p.Id, (m, p) => new { m.BankTransactionId, Payout = p })
            .ToDictionaryAsync(m => m.BankTransactionId, m => m.Payout, cancellationToken);
        return new BankTransactionPage(
            [.. shown.Select(t => new BankTransactionLine(t, matched.GetValueOrDefault(t.Id)))],
            page.Count > pageSize ? new BankTransactionCursor(shown[^1].Date, shown[^1].Id) : null);
    }

    public async Task<BankTransactionTotals?> TotalsAsync(UserAccess access, Guid accountId, BankTransactionFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(filter);
        if (access.Current is not { } merchant || !access.Has(Permission.BankingView) || filter.Problem is not null)
        {
            return null;
        }

        await using var scope = scopes.CreateForMerchant(merchant.MerchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var currency = await db.BankAccounts.AsNoTracking().Where(a => a.Id == accountId).Select(a => a.CurrencyCode).SingleOrDefaultAsync(cancellationToken);
        if (currency is null)
        {
            return null;
        }

        // A line in another currency than the account's (a statement that said so) is counted apart, never added in the wrong unit.
        var sums = await Filtered(db, accountId, filter with { IncludeWithdrawn = false })
            .GroupBy(_ => 1)
            .Select(g => new
            {
                Count = g.Count(t => t.CurrencyCode == currency),
                In = g.Sum(t => t.CurrencyCode == currency && t.AmountMinor > 0 ? t.AmountMinor : 0),
                Out = g.Sum(t => t.CurrencyCode == currency && t.AmountMinor < 0 ? t.AmountMinor : 0),
                Other = g.Count(t => t.CurrencyCode != currency),
            })
            .SingleOrDefaultAsync(cancellationToken);
        var unit = Currency.From(currency);
        return new BankTransactionTotals(sums?.Count ?? 0, new Money(sums?.In ?? 0, unit), new Money(sums?.Out ?? 0, unit), sums?.Other ?? 0);
    }

    private static IQueryable<BankTransaction> Filtered(PortalDbContext db, Guid accountId, BankTransactionFilter filter)
    {
        var selected = db.BankTransactions.AsNoTracking().Where(t => t.AccountId == accountId);
        if (!filter.IncludeWithdrawn)
        {
            selected = selected.Where(t => t.RemovedAt == null);
        }

        if (filter.From is { } from)
        {
            selected = selected.Where(t => t.Date >= from);
        }

        if (filter.To is { } to)
        {
            selected = selected.Where(t => t.Date <= to);
        }

        selected = filter.Direction switch
        {
            BankTransactionDirection.In => selected.Where(t => t.AmountMinor > 0),
            BankTransactionDirection.Out => selected.Where(t => t.AmountMinor < 0),
            _ => selected,
        };
        if (filter.Search is { } search)
        {
            var pattern = LikePattern.Containing(search);
            selected = selected.Where(t => EF.Functions.ILike(t.Description, pattern, LikePattern.Escape)
                || (t.CounterpartyName != null && EF.Functions.ILike(t.CounterpartyName, pattern, LikePattern.Escape)));
        }

        return selected;
    }
}
