using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Banking.Links;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Banking.Accounts;

/// <summary>The current merchant's bank links and accounts, for members who may see banking.</summary>
public sealed class BankAccountQueries(IServiceScopeFactory scopes)
{
    public async Task<IReadOnlyList<BankLink>> LinksAsync(UserAccess access, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        if (access.Current is not { } merchant || !access.Has(Permission.BankingView))
        {
            return [];
        }

        await using var scope = scopes.CreateForMerchant(merchant.MerchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.BankLinks.AsNoTracking().Where(l => l.Status != BankLinkStatus.Unlinked).OrderBy(l => l.CreatedAt).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<BankAccountRow>> AccountsAsync(UserAccess access, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        if (access.Current is not { } merchant || !access.Has(Permission.BankingView))
        {
            return [];
        }

        await using var scope = scopes.CreateForMerchant(merchant.MerchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var accounts = await db.BankAccounts.AsNoTracking().Where(a => a.ClosedAt == null).OrderBy(a => a.CreatedAt).ThenBy(a => a.Name).ToListAsync(cancellationToken);
        var links = await db.BankLinks.AsNoTracking().ToDictionaryAsync(l => l.Id, cancellationToken);
        var imports = await db.StatementImports.AsNoTracking()
            .GroupBy(i => i.AccountId).Select(g => new { AccountId = g.Key, Last = g.Max(i => i.CreatedAt) })
            .ToDictionaryAsync(g => g.AccountId, g => g.Last, cancellationToken);
        var counts = await db.BankTransactions.AsNoTracking().Where(t => t.RemovedAt == null)
            .GroupBy(t => t.AccountId).Select(g => new { AccountId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.AccountId, g => g.Count, cancellationToken);
        return [.. accounts.Select(a => new BankAccountRow(
            a, a.LinkId is { } linkId ? links.GetValueOrDefault(linkId) : null, imports.TryGetValue(a.Id, out var last) ? last : null, counts.GetValueOrDefault(a.Id)))];
    }
}
