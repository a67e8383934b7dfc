using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Persistence;

namespace PaymentsPortal.Core.Webhooks.Inbound.Braintree;

/// <summary>
/// Which payout a Braintree disbursement notification is about. A webhook names the disbursement by Braintree's id; the gateway sync
/// cannot read that id (Braintree's GraphQL API has no disbursement object) and names it by merchant account and day. Both describe
/// the same payout when the merchant and day match and the currency does too: a merchant's Braintree connection has one merchant
/// account per currency, and Braintree disburses a merchant account at most once a day. So a payout already recorded under either
/// name is the one to update, and the first report of a disbursement sets the name it keeps.
/// </summary>
public static class BraintreeDisbursementReference
{
    public static async Task<string> ResolveAsync(
        PortalDbContext db, Guid merchantId, BraintreeNotificationDisbursement disbursement, DateTimeOffset day, string currencyCode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(disbursement);
        var id = disbursement.Id;
        var known = await db.Payouts.IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.MerchantId == merchantId && p.Gateway == GatewayKind.Braintree
                && (p.GatewayReference == id || (p.ArrivalDate == day && p.CurrencyCode == currencyCode)))
            .Select(p => p.GatewayReference)
            .Take(3)
            .ToListAsync(cancellationToken);

        // Two candidates for one day would mean the rule above does not hold for this merchant; recording under the notification's
        // own name then keeps the payouts apart rather than merging two disbursements into one.
        return known.Contains(id) ? id : known.Count == 1 ? known[0] : id;
    }
}
