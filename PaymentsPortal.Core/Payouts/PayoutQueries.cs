using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Payouts;

/// <summary>The merchant's payouts for people, by arrival date, newest first and keyset-paged.</summary>
public sealed class PayoutQueries(IServiceScopeFactory scopes)
{
    public async Task<PayoutPage> ListAsync(UserAccess access, PayoutCursor? after, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        if (access.Current is not { } merchant || !access.Has(Permission.PaymentsView))
        {
            return new PayoutPage([], null);
        }

        await using var scope = scopes.CreateForMerchant(merchant.MerchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var payouts = db.Payouts.AsNoTracking();
        if (after is { } cursor)
        {
            payouts = payouts.Where(p => p.ArrivalDate <= cursor.ArrivalDate && (p.ArrivalDate < cursor.ArrivalDate || p.Id.CompareTo(cursor.Id) < 0));
        }

        var page = await payouts.OrderByDescending(p => p.ArrivalDate).ThenByDescending(p => p.Id).Take(pageSize + 1).ToListAsync(cancellationToken);
        var shown = page.Take(pageSize).ToList();
        return new PayoutPage(shown, page.Count > pageSize ? new PayoutCursor(shown[^1].ArrivalDate, shown[^1].Id) : null);
    }
}

public readonly record struct PayoutCursor(DateTimeOffset ArrivalDate, Guid Id);

public sealed record PayoutPage(IReadOnlyList<Payout> Rows, PayoutCursor? Next);
