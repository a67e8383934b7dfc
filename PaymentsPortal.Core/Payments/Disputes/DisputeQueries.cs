using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Payments.Disputes;

/// <summary>The merchant's disputes for people: the list (open ones, or all, newest first and keyset-paged) and one payment's.</summary>
public sealed class DisputeQueries(IServiceScopeFactory scopes)
{
    public async Task<DisputePage> ListAsync(UserAccess access, bool openOnly, DisputeCursor? after, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        if (access.Current is not { } merchant || !access.Has(Permission.PaymentsView))
        {
            return new DisputePage([], null, 0, null);
        }

        await using var scope = scopes.CreateForMerchant(merchant.MerchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var open = db.Disputes.AsNoTracking().Where(d => d.Status == DisputeStatus.NeedsResponse || d.Status == DisputeStatus.UnderReview);
        var needsResponse = await open.CountAsync(d => d.Status == DisputeStatus.NeedsResponse, cancellationToken);
        var nextDue = await open.Where(d => d.Status == DisputeStatus.NeedsResponse).MinAsync(d => d.EvidenceDueBy, cancellationToken);
        var disputes = openOnly ? open : db.Disputes.AsNoTracking();
        if (after is { } cursor)
        {
            disputes = disputes.Where(d => d.OpenedAt <= cursor.OpenedAt && (d.OpenedAt < cursor.OpenedAt || d.Id.CompareTo(cursor.Id) < 0));
        }

        var page = await disputes.OrderByDescending(d => d.OpenedAt).ThenByDescending(d => d.Id).Take(pageSize + 1).ToListAsync(cancellationToken);
        var shown = page.Take(pageSize).ToList();
        var next = page.Count > pageSize ? new DisputeCursor(shown[^1].OpenedAt, shown[^1].Id) : (DisputeCursor?)null;
        return new DisputePage(shown, next, needsResponse, nextDue);
    }

    /// <summary>The disputes on one payment, newest first; empty without payments.view.</summary>
    public async Task<IReadOnlyList<Dispute>> ForPaymentAsync(UserAccess access, Guid paymentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        if (access.Current is not { } merchant || !access.Has(Permission.PaymentsView))
        {
            return [];
        }

        await using var scope = scopes.CreateForMerchant(merchant.MerchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.Disputes.AsNoTracking().Where(d => d.PaymentId == paymentId).OrderByDescending(d => d.OpenedAt).ToListAsync(cancellationToken);
    }
}

/// <summary>Where the next page starts: after this dispute in newest-first order.</summary>
public readonly record struct DisputeCursor(DateTimeOffset OpenedAt, Guid Id);

/// <param name="NeedsResponse">How many disputes wait for the merchant's evidence, whatever the page shows.</param>
/// <param name="NextDue">The earliest evidence due date among those.</param>
public sealed record DisputePage(IReadOnlyList<Dispute> Rows, DisputeCursor? Next, int NeedsResponse, DateTimeOffset? NextDue);
