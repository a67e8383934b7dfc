using System.Collections.Frozen;

namespace PaymentsPortal.Core.Gateways.Stripe;

/// <summary>
/// Which Stripe card errors another gateway might accept. Only problems on the payment network's or Stripe's side
/// qualify; anything that says something about the card or the customer stays declined everywhere, and so does
/// any code not listed here (an unknown code is never a reason to charge the same card somewhere else).
/// </summary>
/// <remarks>
/// <para>Decline → retryable elsewhere:</para>
/// <code>
/// processing_error, issuer_not_available, try_again_later,   yes: the issuer or processor failed, not the card
/// reenter_transaction, approve_with_id                        yes: the issuer asks for a new try
/// insufficient_funds, withdrawal_count_limit_exceeded,       no: the card has no money or is over its limits
///   card_velocity_exceeded, card_decline_rate_limit_exceeded
/// lost_card, stolen_card, pickup_card, restricted_card,      no: the card must not be used at all
///   fraudulent, merchant_blacklist, security_violation
/// incorrect_cvc, invalid_cvc, incorrect_number,               no: the customer typed it wrong
///   invalid_number, expired_card, invalid_expiry_month/year
/// do_not_honor, do_not_try_again, generic_decline,           no: the issuer said no without saying why
///   call_issuer, transaction_not_allowed, not_permitted, …
/// authentication_required                                     no: the customer must authenticate (3-D Secure)
/// anything else                                               no
/// </code>
/// </remarks>
public static class StripeDeclineRules
{
    private static readonly FrozenSet<string> RetryableElsewhere = new[]
    {
        "processing_error",
        "issuer_not_available",
        "try_again_later",
        "reenter_transaction",
        "approve_with_id",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// Whether a card_error may be tried on another gateway. The decline code is more precise than the error code
    /// (code "card_declined" carries decline_code "insufficient_funds"), so it decides when Stripe sent one.
    /// </summary>
    public static bool IsRetryableElsewhere(string? code, string? declineCode) =>
        declineCode is not null ? RetryableElsewhere.Contains(declineCode) : code is not null && RetryableElsewhere.Contains(code);

    /// <summary>The code the portal records: "card_declined/insufficient_funds", or the bare code when there is no decline code.</summary>
    public static string CombinedCode(string? code, string? declineCode) =>
        (code, declineCode) switch
        {
            (null, null) => "card_error",
            (null, _) => declineCode,
            (_, null) => code,
            _ when code == declineCode => code,
            _ => code + "/" + declineCode,
        };
}
