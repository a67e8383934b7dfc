using System.Globalization;
using System.Text;
using System.Xml.Linq;
using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Core.Gateways.Sync;

/// <summary>
/// Writes what the gateway sync read from Braintree's GraphQL API as the webhook notification Braintree would have sent (bt_payload:
/// base64 of the XML in 60-character lines), with the fields the portal's handlers read, so a caught-up notification is applied by the
/// same code as a delivered one. Statuses are lower-case, as the XML API writes them; amounts are major units.
/// </summary>
public static class BraintreeNotificationXml
{
    /// <param name="type">sale, or credit for a refund.</param>
    public static string Transaction(string kind, DateTimeOffset at, string legacyId, string status, Money amount, string? orderId, string? merchantAccountId, string type = "sale") =>
        Encode(kind, at, new XElement("transaction",
            new XElement("id", legacyId),
            new XElement("status", status.ToLower(CultureInfo.InvariantCulture)),
            new XElement("type", type),
            new XElement("amount", amount.ToMajorString()),
            new XElement("currency-iso-code", amount.Currency.Code),
            Optional("order-id", orderId),
            Optional("merchant-account-id", merchantAccountId)));

    public static string Dispute(
        string kind, DateTimeOffset at, string legacyId, string status, string? reason, Money amount, DateOnly? receivedDate, DateOnly? replyByDate,
        string? transactionLegacyId, string? transactionOrderId, Money? transactionAmount) =>
        Encode(kind, at, new XElement("dispute",
            new XElement("id", legacyId),
            new XElement("amount", amount.ToMajorString()),
            new XElement("amount-disputed", amount.ToMajorString()),
            new XElement("currency-iso-code", amount.Currency.Code),
            Day("received-date", receivedDate),
            Day("date-opened", receivedDate),
            Day("reply-by-date", replyByDate),
            new XElement("status", status.ToLower(CultureInfo.InvariantCulture)),
            Optional("reason", reason?.ToLower(CultureInfo.InvariantCulture)),
            new XElement("transaction",
                Optional("id", transactionLegacyId),
                Optional("amount", transactionAmount?.ToMajorString()),
                Optional("order-id", transactionOrderId))));

    /// <summary>
    /// A successful disbursement read back from its payments. Its id is the merchant account and day, since Braintree's own id is not
    /// readable; the handler matches it with a payout a webhook recorded under Braintree's id (see BraintreeDisbursementReference).
    /// </summary>
    public static string Disbursement(DateTimeOffset at, string merchantAccountId, DateOnly day, Money amount, IEnumerable<string> legacyIds) =>
        Encode("disbursement", at, new XElement("disbursement",
            new XElement("id", string.Create(CultureInfo.InvariantCulture, $"{merchantAccountId}:{day:yyyy-MM-dd}")),
            new XElement("transaction-ids", new XAttribute("type", "array"), legacyIds.Select(id => new XElement("item", id))),
            new XElement("success", new XAttribute("type", "boolean"), "true"),
            new XElement("retry", new XAttribute("type", "boolean"), "false"),
            new XElement("merchant-account",
                new XElement("id", merchantAccountId),
                new XElement("currency-iso-code", amount.Currency.Code)),
            new XElement("amount", amount.ToMajorString()),
            Day("disbursement-date", day)));

    private static string Encode(string kind, DateTimeOffset at, XElement subject)
    {
        var xml = new XElement("notification",
            new XElement("timestamp", new XAttribute("type", "datetime"), at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
            new XElement("kind", kind),
            new XElement("subject", subject));
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(xml.ToString(SaveOptions.DisableFormatting)));
        var lines = new StringBuilder(base64.Length + (base64.Length / 60) + 1);
        for (var i = 0; i < base64.Length; i += 60)
        {
            lines.Append(base64.AsSpan(i, Math.Min(60, base64.Length - i))).Append('\n');
        }

        return lines.ToString();
    }

    private static XElement Optional(string name, string? value) => value is null ? new XElement(name, new XAttribute("nil", "true")) : new XElement(name, value);

    private static XElement Day(string name, DateOnly? day) =>
        day is { } value
            ? new XElement(name, new XAttribute("type", "date"), value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            : new XElement(name, new XAttribute("nil", "true"));
}
