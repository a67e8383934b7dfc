using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Persistence;

namespace PaymentsPortal.Core.Payments.Links;

/// <summary>
/// How many times a link has been used, counted from its payments rather than kept in a counter: a payment counts from the
/// moment it exists (in progress, waiting for 3-D Secure, unclear, captured, refunded later), because it may take or have
/// taken the money; only a payment that provably moved none (Failed, Canceled) gives its use back.
/// </summary>
public static class PaymentLinkUses
{
    private static readonly PaymentStatus[] Freed = [PaymentStatus.Failed, PaymentStatus.Canceled];

    /// <summary>Whether a payment in <paramref name="status"/> uses up one of its link's uses.</summary>
    public static bool Counts(PaymentStatus status) => !Freed.Contains(status);

    /// <summary>The uses of one link; <paramref name="db"/> must act for the link's merchant.</summary>
    public static Task<int> CountAsync(PortalDbContext db, Guid linkId, CancellationToken cancellationToken) =>
        db.Payments.CountAsync(p => p.PaymentLinkId == linkId && !Freed.Contains(p.Status), cancellationToken);

    /// <summary>The uses of several links at once, for a page of the list; links without payments are absent.</summary>
    public static Task<Dictionary<Guid, int>> CountAsync(PortalDbContext db, IReadOnlyCollection<Guid> linkIds, CancellationToken cancellationToken) =>
        db.Payments
            .Where(p => p.PaymentLinkId != null && linkIds.Contains(p.PaymentLinkId.Value) && !Freed.Contains(p.Status))
            .GroupBy(p => p.PaymentLinkId!.Value)
            .Select(g => new { Link = g.Key, Uses = g.Count() })
            .ToDictionaryAsync(g => g.Link, g => g.Uses, cancellationToken);
}
