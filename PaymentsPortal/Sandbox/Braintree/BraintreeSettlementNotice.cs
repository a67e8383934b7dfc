using System.Globalization;
using System.Text;
using System.Xml.Linq;
using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Sandbox.Braintree;

/// <summary>
/// A webhook notification Braintree sends about one transaction: its kind, and the transaction as the XML API shows it (legacy
/// id, lower-case status, sale or credit, the amount in major units, the order id the portal sent).
/// </summary>
internal sealed record BraintreeSettlementNotice(
    string Kind, string LegacyId, string Type, Money Amount, string OrderId, string? RefundedLegacyId, string MerchantAccountId)
{
    /// <summary>The notification XML, base64-encoded with line breaks every 60 characters as Braintree's payloads are: bt_payload.</summary>
    public string Payload(DateTimeOffset at)
    {
        var xml = new XElement("notification",
            new XElement("timestamp", new XAttribute("type", "datetime"), at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
            new XElement("kind", Kind),
            new XElement("subject",
                new XElement("transaction",
                    new XElement("id", LegacyId),
                    new XElement("status", "settled"),
                    new XElement("type", Type),
                    new XElement("amount", Amount.ToMajorString()),
                    new XElement("currency-iso-code", Amount.Currency.Code),
                    new XElement("order-id", OrderId),
                    new XElement("merchant-account-id", MerchantAccountId),
                    RefundedLegacyId is null
                        ? new XElement("refunded-transaction-id", new XAttribute("nil", "true"))
                        : new XElement("refunded-transaction-id", RefundedLegacyId))));
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(xml.ToString(SaveOptions.DisableFormatting)));
        var lines = new StringBuilder();
        for (var i = 0; i < base64.Length; i += 60)
        {
            lines.Append(base64.AsSpan(i, Math.Min(60, base64.Length - i))).Append('\n');
        }

        return lines.ToString();
    }
}
