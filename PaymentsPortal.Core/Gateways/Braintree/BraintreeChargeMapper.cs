using System.Globalization;
using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Core.Gateways.Braintree;

/// <summary>
/// Turns the transaction in an authorize, charge or capture reply into a <see cref="GatewayResult"/>.
/// <code>
/// Braintree status                                   outcome      retryable elsewhere
/// AUTHORIZED, SUBMITTED_FOR_SETTLEMENT, SETTLING,    Succeeded    -   (Status keeps Braintree's word)
///   SETTLED, SETTLEMENT_PENDING/CONFIRMED
/// PROCESSOR_DECLINED                                 Declined     per BraintreeDeclineCodes (3000 and
///                                                                 merchant-setup codes only)
/// GATEWAY_REJECTED                                   Declined     only APPLICATION_INCOMPLETE and
///                                                                 MANUAL_TRANSACTIONS_DISABLED; never fraud,
///                                                                 risk, AVS/CVV, 3DS or DUPLICATE
/// FAILED (processor never reached)                   Declined     yes
/// AUTHORIZING                                        Unknown      - (the processor has not answered yet)
/// anything else, or an amount or currency that       Unknown      - (kept with its reference for review)
///   differs from what we asked for
/// </code>
/// </summary>
internal static class BraintreeChargeMapper
{
    public static GatewayResult ForAuthorize(TransactionNode transaction, Money requested)
    {
        if (string.IsNullOrEmpty(transaction.Id))
        {
            return GatewayResult.Unknown("unreadable_reply", "Braintree's reply has a transaction without an id.");
        }

        var status = transaction.Status;
        if (status is BraintreeStatuses.Authorized || BraintreeStatuses.IsCaptured(status))
        {
            return CheckAmount(transaction, requested) ?? GatewayResult.Succeeded(transaction.Id, status, CardOf(transaction));
        }

        return status switch
        {
            BraintreeStatuses.ProcessorDeclined => ProcessorDeclined(transaction),
            BraintreeStatuses.GatewayRejected => GatewayRejected(transaction),
            BraintreeStatuses.Failed => Declined(transaction, "failed" + CodeSuffix(transaction),
                "Braintree could not reach the card processor (" + ProcessorMessage(transaction, "processor failure") + ").", retryable: true),
            BraintreeStatuses.Authorizing => UnknownWithReference(transaction, "authorizing",
                "The processor has not answered yet; look the attempt up later."),
            _ => UnknownWithReference(transaction, "unexpected_status", "A new charge came back as " + (status ?? "no status") + "."),
        };
    }

    public static GatewayResult ForCapture(TransactionNode transaction, Money requested)
    {
        if (string.IsNullOrEmpty(transaction.Id))
        {
            return GatewayResult.Unknown("unreadable_reply", "Braintree's reply has a transaction without an id.");
        }

        var status = transaction.Status;
        if (BraintreeStatuses.IsCaptured(status))
        {
            return CheckAmount(transaction, requested) ?? GatewayResult.Succeeded(transaction.Id, status, CardOf(transaction));
        }

        return BraintreeStatuses.IsFailed(status) || status is BraintreeStatuses.Voided or BraintreeStatuses.AuthorizationExpired
            ? Declined(transaction, "capture_" + status!.ToLowerInvariant(), "The transaction is " + status + " and cannot be captured.", retryable: false)
            : UnknownWithReference(transaction, "unexpected_status", "The capture came back as " + (status ?? "no status") + ".");
    }

    /// <summary>
    /// Reads Braintree's decimal string exactly, in the currency Braintree states (the merchant account's), falling
    /// back to <paramref name="assumed"/> only when the reply omits it. A value with more decimals than the currency
    /// has, or with no currency to read it in, is unreadable: "1500" means nothing until we know it is yen.
    /// </summary>
    public static bool TryReadAmount(MonetaryAmountNode? amount, Currency? assumed, out Money money)
    {
        money = default;
        if (amount?.Value is null)
        {
            return false;
        }

        Currency? currency = assumed;
        if (amount.CurrencyCode is { } code && !Currency.TryFrom(code, out currency))
        {
            return false;
        }

        return currency is not null && Money.TryParse(amount.Value, currency, out money, out _);
    }

    public static CardSummary? CardOf(TransactionNode transaction)
    {
        var snapshot = transaction.PaymentMethodSnapshot;
        if (snapshot?.Last4 is not { Length: 4 } last4
            || !int.TryParse(snapshot.ExpirationMonth, NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || !int.TryParse(snapshot.ExpirationYear, NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || month is < 1 or > 12)
        {
            return null;
        }

        return new CardSummary(BrandOf(snapshot.BrandCode), last4, month, year < 100 ? 2000 + year : year);
    }

    // Braintree's CreditCardBrandCode, in the lower-case words the portal shows for every gateway.
    private static string BrandOf(string? brandCode) => brandCode switch
    {
        "VISA" => "visa",
        "MASTERCARD" => "mastercard",
        "AMERICAN_EXPRESS" => "amex",
        "DISCOVER" => "discover",
        "JCB" => "jcb",
        "DINERS" or "DINERS_CLUB" => "diners",
        "UNION_PAY" => "unionpay",
        "MAESTRO" => "maestro",
        null or "" => "unknown",
        _ => brandCode.ToLowerInvariant(),
    };

    // A succeeded charge for another amount or in another currency is not the charge we asked for: a partial
    // authorization, or a merchant account that settles in a different currency. It exists, so it is Unknown with
    // its reference, never Succeeded and never Declined.
    private static GatewayResult? CheckAmount(TransactionNode transaction, Money requested)
    {
        if (!TryReadAmount(transaction.Amount, requested.Currency, out var recorded))
        {
            return UnknownWithReference(transaction, "unreadable_amount", "Braintree's amount could not be read exactly.");
        }

        return recorded == requested
            ? null
            : UnknownWithReference(transaction, "amount_mismatch", string.Create(CultureInfo.InvariantCulture,
                $"Braintree recorded {recorded}, not the {requested} asked for; the transaction needs review."));
    }

    private static GatewayResult ProcessorDeclined(TransactionNode transaction)
    {
        var code = transaction.ProcessorResponse?.LegacyCode;
        var soft = transaction.StatusHistory?.Any(e => e.DeclineType == "SOFT") == true
            ? " Braintree marks it a soft decline: the customer may try the same card later."
            : "";
        return Declined(transaction, "processor_declined" + CodeSuffix(transaction),
            ProcessorMessage(transaction, "Processor declined") + "." + soft, BraintreeDeclineCodes.IsRetryableElsewhere(code));
    }

    private static GatewayResult GatewayRejected(TransactionNode transaction)
    {
        var rejection = transaction.StatusHistory?.FirstOrDefault(e => e.GatewayRejectionReason is not null);
        var reason = rejection?.GatewayRejectionReason ?? "UNKNOWN";
        var message = reason == "DUPLICATE"
            ? "Braintree rejected this as a duplicate of transaction " + (rejection?.DuplicateOf?.Id ?? "(not given)") +
              ": the customer may already have paid, so it is not retried anywhere."
            : "Braintree's gateway rules rejected the transaction (" + reason + ").";
        return Declined(transaction, "gateway_rejected/" + reason.ToLowerInvariant(), message, BraintreeDeclineCodes.IsRetryableRejection(reason));
    }

    private static GatewayResult Declined(TransactionNode transaction, string code, string message, bool retryable) =>
        GatewayResult.Declined(code, message, retryable, transaction.Id) with { Status = transaction.Status };

    private static GatewayResult UnknownWithReference(TransactionNode transaction, string code, string message) =>
        GatewayResult.Unknown(code, message) with { GatewayReference = transaction.Id, Status = transaction.Status };

    private static string CodeSuffix(TransactionNode transaction) =>
        transaction.ProcessorResponse?.LegacyCode is { Length: > 0 } code ? "/" + code : "";

    private static string ProcessorMessage(TransactionNode transaction, string fallback) =>
        transaction.ProcessorResponse?.Message is { Length: > 0 } message ? message.TrimEnd('.') : fallback;
}
