using System.Xml.Linq;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Webhooks.Inbound.Intake;

namespace PaymentsPortal.Core.Webhooks.Inbound.Braintree;

/// <summary>
/// The disbursement in a disbursement or disbursement_exception notification, in the XML API's words: its id, the amount in
/// major units of the merchant account's currency (named under merchant-account, since a disbursement has no currency of its
/// own), the day it was paid out, whether it succeeded, and for an exception Braintree's reason (bank_rejected,
/// insufficient_funds…), whether Braintree will retry, and what the merchant must do.
/// </summary>
public sealed record BraintreeNotificationDisbursement(
    string Id, Money? Amount, string? CurrencyCode, DateTimeOffset? DisbursementDate, bool Success, bool Retry, string? ExceptionMessage, string? FollowUpAction,
    string? MerchantAccountId = null)
{
    public static BraintreeNotificationDisbursement? From(string payload) => From(BraintreeWebhookVerifier.ParseNotification(payload));

    public static BraintreeNotificationDisbursement? From(XElement? notification)
    {
        var disbursement = notification?.Element("subject")?.Element("disbursement");
        if (BraintreeXml.Text(disbursement, "id") is not { } id)
        {
            return null;
        }

        var currencyCode = BraintreeXml.Text(disbursement!.Element("merchant-account"), "currency-iso-code") ?? BraintreeXml.Text(disbursement, "currency-iso-code");
        Money? amount = Currency.TryFrom(currencyCode, out var currency) && Money.TryParse(BraintreeXml.Text(disbursement, "amount"), currency, out var parsed, out _)
            ? parsed
            : null;

        // A missing success flag is not taken for a success: only what Braintree says was paid is recorded paid.
        return new BraintreeNotificationDisbursement(
            id, amount, currencyCode, BraintreeXml.Date(disbursement, "disbursement-date"), BraintreeXml.Boolean(disbursement, "success") == true,
            BraintreeXml.Boolean(disbursement, "retry") == true, BraintreeXml.Text(disbursement, "exception-message"), BraintreeXml.Text(disbursement, "follow-up-action"),
            BraintreeXml.Text(disbursement.Element("merchant-account"), "id"));
    }
}
