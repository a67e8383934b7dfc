using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Gateways.Routing;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Payments.Links;

/// <summary>
/// Decides, in the router's first transaction, whether a payment may start through a link. The link's row is locked
/// first, so payments of one link are admitted one at a time: a second payer of a single-use link waits here until the
/// first payment is committed, then counts it as a use and is refused. The use is audited in that same transaction.
/// </summary>
internal sealed class PaymentLinkAdmission(PaymentLinkLedger ledger, TimeProvider clock, Guid merchantId, Guid linkId, AuditOrigin origin) : IPaymentAdmission
{
    public async Task<string?> RefusalAsync(PortalDbContext db, Guid paymentId, CancellationToken cancellationToken)
    {
        var link = await PaymentLinkLedger.LockAsync(db, merchantId, linkId, cancellationToken);
        if (link is null || !await db.Merchants.AnyAsync(m => m.Id == merchantId && m.Status == MerchantStatus.Active, cancellationToken))
        {
            return PaymentLinkCheckout.NotFound;
        }

        // Counted after the lock is held: under READ COMMITTED this statement sees every payment committed before it.
        var uses = await PaymentLinkUses.CountAsync(db, link.Id, cancellationToken);
        if (PaymentLinkCheckout.Explain(link.AvailabilityAt(clock.GetUtcNow(), uses), link.MaxUses) is { } refusal)
        {
            return refusal;
        }

        await ledger.AuditAsync(db, link, AuditAction.PaymentLinkPaymentStarted, PaymentLinkCheckout.Customer, origin,
            new Dictionary<string, object?> { ["payment_id"] = paymentId, ["use"] = uses + 1 }, cancellationToken);
        return null;
    }
}
