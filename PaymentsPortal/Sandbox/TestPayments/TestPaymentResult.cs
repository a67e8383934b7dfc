using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Sandbox.TestPayments;

/// <summary>
/// One test payment as the page lists it. <see cref="Chosen"/> is the gateway whose hosted fields checkout would have
/// shown; <see cref="PassedOver"/> the ones before it whose breaker was open. <see cref="PaymentId"/> is null when
/// nothing was sent.
/// </summary>
public sealed record TestPaymentResult(
    int Number,
    Guid? PaymentId,
    GatewayKind? Chosen,
    IReadOnlyList<GatewayKind> PassedOver,
    Money Amount,
    PaymentStatus? Status,
    string Message,
    IReadOnlyList<TestPaymentAttempt> Attempts);

/// <summary>One stored attempt of a test payment: skipped ones were never sent (token not usable there, breaker open).</summary>
public sealed record TestPaymentAttempt(int Number, GatewayKind Gateway, AttemptState State, GatewayOutcome? Outcome, string? Code, int? LatencyMs)
{
    public string Result => State switch
    {
        AttemptState.Skipped => "Skipped",
        AttemptState.Pending => "Pending",
        _ => Outcome?.ToString() ?? "—",
    };
}
