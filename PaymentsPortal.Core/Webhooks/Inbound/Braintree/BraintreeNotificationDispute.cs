using System.Globalization;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Webhooks.Inbound.Intake;

namespace PaymentsPortal.Core.Webhooks.Inbound.Braintree;

/// <summary>
/// The dispute in a dispute_* notification, in the XML API's words: its id, the disputed amount in major units, a lower-case
/// status (open, disputed, under_review, won, lost, accepted, auto_accepted, expired), the network's reason, the received,
/// opened and reply-by dates, and the disputed transaction with its legacy id and order id (the portal's attempt id).
/// </summary>
public sealed record BraintreeNotificationDispute(
    string Id, Money? Amount, string? CurrencyCode, string? Status, string? Reason, DateTimeOffset? OpenedOn, DateTimeOffset? ReplyBy,
    string? TransactionLegacyId, string? TransactionOrderId)
{
    public static BraintreeNotificationDispute? From(string payload)
    {
        var dispute = BraintreeWebhookVerifier.ParseNotification(payload)?.Element("subject")?.Element("dispute");
        if (BraintreeXml.Text(dispute, "id") is not { } id)
        {
            return null;
        }

        // amount-disputed is the newer field; older notifications carry only amount, which means the same.
        var currencyCode = BraintreeXml.Text(dispute, "currency-iso-code");
        var amountText = BraintreeXml.Text(dispute, "amount-disputed") ?? BraintreeXml.Text(dispute, "amount");
        Money? amount = Currency.TryFrom(currencyCode, out var currency) && Money.TryParse(amountText, currency, out var parsed, out _) ? parsed : null;
        var transaction = dispute!.Element("transaction");
        return new BraintreeNotificationDispute(
            id, amount, currencyCode, BraintreeXml.Text(dispute, "status")?.ToLower(CultureInfo.InvariantCulture), BraintreeXml.Text(dispute, "reason"),
            BraintreeXml.Date(dispute, "date-opened") ?? BraintreeXml.Date(dispute, "received-date"), BraintreeXml.Date(dispute, "reply-by-date"),
            BraintreeXml.Text(transaction, "id"), BraintreeXml.Text(transaction, "order-id"));
    }
}
