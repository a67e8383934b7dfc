using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Payments.Links;

/// <summary>The staff list of links, newest first and keyset-paged, and the payments made through one link.</summary>
public sealed class PaymentLinkQueries(IServiceScopeFactory scopes, TimeProvider clock)
{
    public const int MaxPaymentsShown = 100;

    public async Task<PaymentLinkPage> ListAsync(UserAccess access, PaymentLinkCursor? after, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        if (access.Current is not { } merchant || !access.Has(Permission.PaymentLinksManage))
        {
            return new PaymentLinkPage([], null);
        }

        await using var scope = scopes.CreateForMerchant(merchant.MerchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var links = db.PaymentLinks.AsNoTracking();
        if (after is { } cursor)
        {
            // The bound repeated outside the OR lets PostgreSQL start the index scan at the cursor.
            links = links.Where(l => l.CreatedAt <= cursor.CreatedAt && (l.CreatedAt < cursor.CreatedAt || l.Id.CompareTo(cursor.Id) < 0));
        }

        var page = await links.OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id).Take(pageSize + 1).ToListAsync(cancellationToken);
        var shown = page.Take(pageSize).ToList();
        var uses = await PaymentLinkUses.CountAsync(db, [.. shown.Select(l => l.Id)], cancellationToken);
        var now = clock.GetUtcNow();
        var rows = shown.Select(l => PaymentLinkRow.Of(l, uses.GetValueOrDefault(l.Id), now)).ToList();
        var next = page.Count > pageSize ? new PaymentLinkCursor(shown[^1].CreatedAt, shown[^1].Id) : (PaymentLinkCursor?)null;
        return new PaymentLinkPage(rows, next);
    }

    /// <summary>The latest <see cref="MaxPaymentsShown"/> payments made through a link, newest first, and how many there are in all.</summary>
    public async Task<PaymentLinkPayments?> PaymentsAsync(UserAccess access, Guid linkId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        if (access.Current is not { } merchant || !access.Has(Permission.PaymentLinksManage))
        {
            return null;
        }

        await using var scope = scopes.CreateForMerchant(merchant.MerchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        if (!await db.PaymentLinks.AnyAsync(l => l.Id == linkId, cancellationToken))
        {
            return null;
        }

        var payments = db.Payments.AsNoTracking().Where(p => p.PaymentLinkId == linkId);
        var total = await payments.CountAsync(cancellationToken);
        var latest = await payments.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id).Take(MaxPaymentsShown)
            .Select(p => new { p.Id, p.CreatedAt, p.Status, p.AmountMinor, p.CurrencyCode, p.CardBrand, p.CardLast4 })
            .ToListAsync(cancellationToken);
        return new PaymentLinkPayments(
            [.. latest.Select(p => new PaymentLinkPaymentRow(p.Id, p.CreatedAt, p.Status, new Money(p.AmountMinor, Currency.From(p.CurrencyCode)), p.CardBrand, p.CardLast4))],
            total);
    }
}

/// <summary>Where the next page of the list starts: after this link in newest-first order.</summary>
public readonly record struct PaymentLinkCursor(DateTimeOffset CreatedAt, Guid Id);

/// <param name="Next">Null on the last page.</param>
public sealed record PaymentLinkPage(IReadOnlyList<PaymentLinkRow> Rows, PaymentLinkCursor? Next);

public sealed record PaymentLinkPayments(IReadOnlyList<PaymentLinkPaymentRow> Latest, int Total);

public sealed record PaymentLinkPaymentRow(Guid Id, DateTimeOffset CreatedAt, PaymentStatus Status, Money Amount, string? CardBrand, string? CardLast4)
{
    /// <summary>Whether this payment takes one of the link's uses (see <see cref="PaymentLinkUses"/>).</summary>
    public bool CountsAsUse => PaymentLinkUses.Counts(Status);
}
