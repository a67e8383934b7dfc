using System.Globalization;
using System.Text;
using System.Xml.Linq;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Webhooks.Inbound.Intake;

namespace PaymentsPortal.Core.Webhooks.Inbound.Braintree;

/// <summary>
/// The transaction in a Braintree notification's subject, in the XML API's words: a legacy id, a lower-case status (settled,
/// settlement_declined), a type (sale, or credit for a refund), the amount in major units of the merchant account's currency,
/// and the order id, which is the portal's attempt id for a sale and its refund id for a credit.
/// </summary>
public sealed record BraintreeNotificationTransaction(
    string LegacyId, string? Status, string? Type, Money? Amount, string? OrderId, string? RefundedTransactionId)
{
    public bool IsRefund => string.Equals(Type, "credit", StringComparison.Ordinal);

    /// <summary>The GraphQL id the portal stored as the payment's reference: base64 of "transaction_" and the legacy id.</summary>
    public string GlobalId => GlobalIdOf(LegacyId);

    public static string GlobalIdOf(string legacyId) => Convert.ToBase64String(Encoding.UTF8.GetBytes("transaction_" + legacyId));

    public static BraintreeNotificationTransaction? From(string payload)
    {
        var transaction = BraintreeWebhookVerifier.ParseNotification(payload)?.Element("subject")?.Element("transaction");
        if (transaction?.Element("id")?.Value.Trim() is not { Length: > 0 } id)
        {
            return null;
        }

        var currency = Text(transaction, "currency-iso-code");
        Money? amount = Currency.TryFrom(currency, out var known) && Money.TryParse(Text(transaction, "amount"), known, out var parsed, out _) ? parsed : null;
        return new BraintreeNotificationTransaction(
            id, Text(transaction, "status")?.ToLower(CultureInfo.InvariantCulture), Text(transaction, "type"), amount, Text(transaction, "order-id"),
            Text(transaction, "refunded-transaction-id"));
    }

    private static string? Text(XElement parent, string name) => BraintreeXml.Text(parent, name);
}
