using System.Globalization;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Webhooks.Inbound.Intake;

namespace PaymentsPortal.Core.Webhooks.Inbound.Braintree;

/// <summary>
/// Braintree gives its notifications no id, so the inbox names one by what it says: "this transaction or dispute reached this
/// status" (kind, the subject's legacy id, its status). A webhook and the gateway sync reporting the same change then have the
/// same id and the inbox stores it once, which is what lets the sync count the webhooks that really went missing. A successful
/// disbursement is named by what the sync can read back of it (merchant account, day and amount: Braintree's GraphQL API does not
/// show a disbursement's own id). A notification about anything else, disbursement exceptions included (Braintree may send more than
/// one for a disbursement it retries), is named by its payload's SHA-256, as a redelivery repeats the payload byte for byte.
/// </summary>
public static class BraintreeEventIds
{
    private static readonly string[] StateSubjects = ["transaction", "dispute"];

    public static string For(string kind, string legacyId, string status) =>
        string.Create(CultureInfo.InvariantCulture, $"{kind}:{legacyId}:{status.ToLowerInvariant()}");

    public static string ForDisbursement(string merchantAccountId, DateOnly day, Money amount) =>
        string.Create(CultureInfo.InvariantCulture, $"disbursement:{merchantAccountId}:{day:yyyy-MM-dd}:{amount.MinorUnits}{amount.Currency.Code}");

    /// <summary>The id of a verified notification payload.</summary>
    public static string Of(string payload)
    {
        var notification = BraintreeWebhookVerifier.ParseNotification(payload);
        var kind = notification?.Element("kind")?.Value.Trim();
        var subject = notification?.Element("subject");
        if (kind == "disbursement"
            && BraintreeNotificationDisbursement.From(notification) is { Success: true, MerchantAccountId: { } account, DisbursementDate: { } date, Amount: { } amount })
        {
            return ForDisbursement(account, DateOnly.FromDateTime(date.UtcDateTime), amount);
        }

        foreach (var name in StateSubjects)
        {
            var element = subject?.Element(name);
            if (!string.IsNullOrEmpty(kind) && BraintreeXml.Text(element, "id") is { } id && BraintreeXml.Text(element, "status") is { } status)
            {
                return For(kind, id, status);
            }
        }

        return BraintreeWebhookVerifier.EventIdOf(payload);
    }
}
