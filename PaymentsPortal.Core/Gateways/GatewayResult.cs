namespace PaymentsPortal.Core.Gateways;

/// <summary>
/// What one gateway call returned, already classified. Adapters never throw for an expected failure: a
/// decline, an outage or a timeout is a result. <paramref name="Code"/> is the gateway's own code
/// (for example "card_declined/insufficient_funds"), <paramref name="Message"/> is safe to show and log.
/// </summary>
/// <param name="GatewayReference">The gateway's id of the charge or refund (pi_…, a Braintree transaction id), when it has one.</param>
/// <param name="NextAction">For <see cref="GatewayOutcome.RequiresAction"/>: what the browser needs to continue (a Stripe client secret).</param>
/// <param name="Status">The gateway's own status word, for the attempt's record ("requires_capture", "SETTLING").</param>
public sealed record GatewayResult(
    GatewayOutcome Outcome,
    string? GatewayReference = null,
    string? Code = null,
    string? Message = null,
    bool RetryableElsewhere = false,
    string? NextAction = null,
    string? Status = null,
    CardSummary? Card = null)
{
    public static GatewayResult Succeeded(string reference, string? status = null, CardSummary? card = null) =>
        new(GatewayOutcome.Succeeded, reference, Status: status, Card: card);

    public static GatewayResult RequiresAction(string reference, string nextAction, string? status = null) =>
        new(GatewayOutcome.RequiresAction, reference, NextAction: nextAction, Status: status);

    public static GatewayResult Declined(string code, string message, bool retryableElsewhere, string? reference = null) =>
        new(GatewayOutcome.Declined, reference, code, message, retryableElsewhere);

    public static GatewayResult NotSent(string code, string message) => new(GatewayOutcome.NotSent, Code: code, Message: message);

    public static GatewayResult Unknown(string code, string message) => new(GatewayOutcome.Unknown, Code: code, Message: message);
}

/// <summary>What may be shown of a card: never the number, only brand, last four and expiry.</summary>
public sealed record CardSummary(string Brand, string Last4, int ExpiryMonth, int ExpiryYear);
