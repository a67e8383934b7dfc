using System.Collections.Frozen;

namespace PaymentsPortal.Core.Gateways.Braintree;

/// <summary>
/// Which Braintree processor response codes (<c>processorResponse.legacyCode</c>) allow another gateway to try.
/// Retrying elsewhere is right only when the refusal came from Braintree's or the processor's side — the card and
/// the cardholder are fine. Braintree's own SOFT/HARD marking answers a different question (may the same card
/// succeed later?), so it is not used here: insufficient funds is SOFT, yet sending it to another gateway is card
/// cycling, which networks fine and fraud tools flag.
/// </summary>
/// <remarks>
/// <code>
/// code        meaning                                          elsewhere  why
/// 2000        Do Not Honor                                     no         the issuer refused the card
/// 2001        Insufficient Funds                               no         cardholder problem, never retried
/// 2002-2003   Limit / Activity Limit Exceeded                  no         cardholder limits
/// 2004-2010   expired, bad number or expiry, no account, CVV   no         card data problems
/// 2011-2015   voice auth, lost, stolen, fraud, not allowed     no         fraud and issuer instructions
/// 2016        Duplicate Transaction                            no         an identical charge exists: another
///                                                                         gateway could charge twice
/// 2017-2022   cardholder stopped billing, violations           no         cardholder instructions
/// 2023        Processor Does Not Support This Feature          yes        processor capability, not the card
/// 2024        Card Type Not Enabled                            yes        this merchant account's setup
/// 2025-2026   Set Up Error – Merchant / Invalid Merchant ID    yes        merchant account configuration
/// 2027, 2029  Set Up Error – Amount / Card                     no         about the amount or the card itself
/// 2028, 2030  Set Up Error – Hierarchy / Terminal              yes        merchant account configuration
/// 2031        Encryption Error                                 yes        processor side
/// 2032-2039   surcharge, inconsistent data, already reversed   no         request or issuer outcome
/// 2040, 2042  Invalid Store / Invalid Client ID                yes        merchant account configuration
/// 2045        Invalid Merchant Number                          yes        merchant account configuration
/// 2041-2099   (the rest) call issuer, pick up card, AVS, 3DS   no         issuer or cardholder
/// 3000        Processor Network Unavailable – Try Again        yes        the processor was not reached
/// other       anything not listed                              no         unknown declines are not retried
/// </code>
/// </remarks>
internal static class BraintreeDeclineCodes
{
    private static readonly FrozenSet<string> RetryableElsewhere = FrozenSet.Create(
        StringComparer.Ordinal,
        "2023", "2024", "2025", "2026", "2028", "2030", "2031", "2040", "2042", "2045", "3000");

    public static bool IsRetryableElsewhere(string? legacyCode) =>
        legacyCode is not null && RetryableElsewhere.Contains(legacyCode.Trim());

    /// <summary>
    /// GATEWAY_REJECTED reasons that are about the merchant's Braintree setup rather than the card. DUPLICATE is
    /// deliberately absent: Braintree saw an identical recent charge, so the customer may already have paid.
    /// Fraud, risk, AVS/CVV and 3-D Secure rejections are never retried elsewhere.
    /// </summary>
    public static bool IsRetryableRejection(string? reason) =>
        reason is "APPLICATION_INCOMPLETE" or "MANUAL_TRANSACTIONS_DISABLED";
}
