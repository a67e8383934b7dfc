using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Payments.Search;

/// <summary>
/// Reads one merchant's payments for the payments list: filtered, in one of four orders, a page at a time by keyset
/// (never OFFSET, so the thousandth page costs what the first does, and a payment arriving meanwhile shifts nothing).
/// Callers decide who may read which merchant.
/// </summary>
public sealed class PaymentSearch(IServiceScopeFactory scopes)
{
    public const int MaxPageSize = 200;

    /// <summary>
    /// The first page, or the page after <paramref name="after"/>, or the one before <paramref name="before"/>. A cursor
    /// must belong to <paramref name="sort"/>.
    /// </summary>
    public async Task<PaymentPage> PageAsync(
        Guid merchantId, PaymentFilter filter, PaymentSort sort, int size, PaymentCursor? after = null, PaymentCursor? before = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (after is not null && before is not null)
        {
            throw new ArgumentException("Page after one cursor or before another, not both.", nameof(before));
        }

        if ((after ?? before) is { } cursor && cursor.Sort != sort)
        {
            throw new ArgumentException($"The cursor belongs to {cursor.Sort}, not {sort}.", nameof(sort));
        }

        size = Math.Clamp(size, 1, MaxPageSize);
        await using var scope = scopes.CreateForMerchant(merchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();

        // Reading backwards is reading forwards in the opposite order, then turning the page around.
        var backwards = before is not null;
        var rows = await Query(db, merchantId, filter, backwards ? Reverse(sort) : sort, after ?? before, size + 1).ToListAsync(cancellationToken);
        var more = rows.Count > size;
        rows = [.. rows.Take(size)];
        if (backwards)
        {
            rows.Reverse();
        }

        var hasNext = backwards ? rows.Count > 0 : more;
        var hasPrevious = backwards ? more : after is not null && rows.Count > 0;
        return new PaymentPage(
            rows,
            hasNext ? PaymentCursor.After(sort, rows[^1]) : null,
            hasPrevious ? PaymentCursor.After(sort, rows[0]) : null);
    }

    /// <summary>Up to <paramref name="take"/> rows in <paramref name="order"/> after <paramref name="from"/>: the one statement a page costs.</summary>
    internal static IQueryable<PaymentRow> Query(PortalDbContext db, Guid merchantId, PaymentFilter filter, PaymentSort order, PaymentCursor? from, int take)
    {
        var payments = PaymentQueryable.Filter(db.Payments.AsNoTracking().Where(p => p.MerchantId == merchantId), filter);
        if (from is not null)
        {
            payments = PaymentKeyset.Beyond(payments, order, from);
        }

        return Project(PaymentKeyset.Order(payments, order).Take(take));
    }

    private static PaymentSort Reverse(PaymentSort sort) => sort switch
    {
        PaymentSort.NewestFirst => PaymentSort.OldestFirst,
        PaymentSort.OldestFirst => PaymentSort.NewestFirst,
        PaymentSort.LargestFirst => PaymentSort.SmallestFirst,
        _ => PaymentSort.LargestFirst,
    };

    private static IQueryable<PaymentRow> Project(IQueryable<Payment> payments) =>
        payments.Select(p => new PaymentRow(p.Id, p.CreatedAt, p.Status, p.AmountMinor, p.CurrencyCode, p.RefundedMinor, p.Gateway,
            p.CardBrand, p.CardLast4, p.CustomerEmail, p.Description));
}
