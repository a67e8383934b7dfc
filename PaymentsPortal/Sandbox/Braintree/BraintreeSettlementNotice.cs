using System.Xml.Linq;
using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Sandbox.Braintree;

/// <summary>
/// A notification about one transaction's settlement: the transaction as the XML API shows it (legacy id, lower-case status,
/// sale or credit, the amount in major units, the order id the portal sent).
/// </summary>
internal sealed record BraintreeSettlementNotice(
    string Kind, string LegacyId, string Type, Money Amount, string OrderId, string? RefundedLegacyId, string MerchantAccountId) : BraintreeNotice(Kind)
{
    protected override XElement Subject() =>
        new("transaction",
            new XElement("id", LegacyId),
            new XElement("status", "settled"),
            new XElement("type", Type),
            new XElement("amount", Amount.ToMajorString()),
            new XElement("currency-iso-code", Amount.Currency.Code),
            new XElement("order-id", OrderId),
            new XElement("merchant-account-id", MerchantAccountId),
            RefundedLegacyId is null ? Nil("refunded-transaction-id") : new XElement("refunded-transaction-id", RefundedLegacyId));
}
