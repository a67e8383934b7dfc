using System.Globalization;
using System.Text;
using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Tests.Integration.Webhooks.Inbound;

/// <summary>bt_payloads of Braintree's disbursement and dispute notifications, shaped as Braintree's SDKs' sample notifications are.</summary>
internal static class BraintreeTestNotifications
{
    public static string Disbursement(string kind, string id, Money amount, DateTimeOffset day, DateTimeOffset at, string? exception = null, bool retry = false) =>
        Encode(at, kind, $"""
            <disbursement>
              <id>{id}</id>
              <transaction-ids type="array"><item>abc123</item><item>def456</item></transaction-ids>
              <success type="boolean">{(exception is null ? "true" : "false")}</success>
              <retry type="boolean">{(retry ? "true" : "false")}</retry>
              <merchant-account>
                <id>portal_usd</id>
                <currency-iso-code>{amount.Currency.Code}</currency-iso-code>
                <sub-merchant-account type="boolean">false</sub-merchant-account>
                <status>active</status>
              </merchant-account>
              <amount>{amount.ToMajorString()}</amount>
              <disbursement-date type="date">{day:yyyy-MM-dd}</disbursement-date>
              {(exception is null ? "<exception-message nil=\"true\"/>" : $"<exception-message>{exception}</exception-message>")}
              {(exception is null ? "<follow-up-action nil=\"true\"/>" : "<follow-up-action>update_funding_information</follow-up-action>")}
            </disbursement>
            """);

    public static string Dispute(
        string kind, string id, string status, Money amount, string transactionLegacyId, string? orderId, DateTimeOffset opened, DateTimeOffset at) =>
        Encode(at, kind, $"""
            <dispute>
              <id>{id}</id>
              <amount>{amount.ToMajorString()}</amount>
              <amount-disputed>{amount.ToMajorString()}</amount-disputed>
              <currency-iso-code>{amount.Currency.Code}</currency-iso-code>
              <received-date type="date">{opened:yyyy-MM-dd}</received-date>
              <date-opened type="date">{opened:yyyy-MM-dd}</date-opened>
              <reply-by-date type="date">{opened.AddDays(7):yyyy-MM-dd}</reply-by-date>
              <kind>chargeback</kind>
              <status>{status}</status>
              <reason>fraud</reason>
              <transaction>
                <id>{transactionLegacyId}</id>
                <amount>{amount.ToMajorString()}</amount>
                {(orderId is null ? "<order-id nil=\"true\"/>" : $"<order-id>{orderId}</order-id>")}
              </transaction>
            </dispute>
            """);

    private static string Encode(DateTimeOffset at, string kind, string subject) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"<notification><timestamp type=\"datetime\">{at.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}</timestamp><kind>{kind}</kind><subject>{subject}</subject></notification>"))) + "\n";
}
