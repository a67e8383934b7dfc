using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Persistence;

namespace PaymentsPortal.Core.Payments.Links;

/// <summary>
/// The lock and the audit record every change of a link goes through. The link's row is locked before anything is decided
/// about it, so a payment starting and a deactivation, or two payers of a single-use link, are decided one after the other.
/// </summary>
public sealed class PaymentLinkLedger(IAuditTrail trail)
{
    /// <summary>The audit target type of a link; its target id is the link's id.</summary>
    public const string AuditTargetType = "payment_link";

    /// <summary>Locks the link until the transaction ends and returns it tracked, or null when the merchant has no such link.</summary>
    public static Task<PaymentLink?> LockAsync(PortalDbContext db, Guid merchantId, Guid linkId, CancellationToken cancellationToken) =>
        db.PaymentLinks
            .FromSqlInterpolated($"SELECT * FROM payment_links WHERE merchant_id = {merchantId} AND id = {linkId} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken);

    /// <summary>Appends the entry in the caller's transaction; <paramref name="extra"/> adds what this step alone knows.</summary>
    public Task<AuditEntry> AuditAsync(
        PortalDbContext db, PaymentLink link, AuditAction action, AuditActor actor, AuditOrigin? origin, IReadOnlyDictionary<string, object?>? extra,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        var details = new Dictionary<string, object?>
        {
            ["amount_minor"] = link.AmountMinor,
            ["currency"] = link.CurrencyCode,
            ["description"] = link.Description,
            ["expires_at"] = link.ExpiresAt,
            ["max_uses"] = link.MaxUses,
            ["status"] = link.Status.ToString(),
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, object?>())
        {
            details[key] = value;
        }

        return trail.AppendAsync(db, new AuditRecord(link.MerchantId, action, AuditOutcome.Success, actor, AuditTargetType, link.Id.ToString(), null, details, origin),
            cancellationToken);
    }
}
