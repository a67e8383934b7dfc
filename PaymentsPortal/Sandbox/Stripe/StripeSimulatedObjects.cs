namespace PaymentsPortal.Sandbox.Stripe;

/// <summary>
/// A charge as the simulator holds it, for tests that count money: whether it succeeded, how much was captured and
/// refunded, and whether an uncaptured authorization was released (canceled, or the remainder of a partial capture).
/// </summary>
public sealed record StripeSimulatedCharge(
    string ChargeId,
    string PaymentIntentId,
    long Amount,
    string Currency,
    bool Succeeded,
    bool Captured,
    long AmountCaptured,
    long AmountRefunded,
    bool AuthorizationReleased)
{
    /// <summary>Money taken from the customer and kept: captured minus refunded.</summary>
    public long NetCaptured => AmountCaptured - AmountRefunded;

    /// <summary>Money held on the card but neither taken nor released.</summary>
    public bool HoldsAuthorization => Succeeded && !Captured && !AuthorizationReleased;
}

// The simulator's mutable records. Only StripeSimulatorState touches them, always under its lock.
internal sealed class SimulatedIntent
{
    public required string Id { get; init; }

    public required string Account { get; init; }

    public required string ClientSecret { get; init; }

    public required long Amount { get; init; }

    public required string Currency { get; init; }

    public required string CaptureMethod { get; init; }

    public required string PaymentMethodId { get; init; }

    public required long Created { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required IReadOnlyDictionary<string, string> Metadata { get; init; }

    public required bool AutomaticPaymentMethods { get; init; }

    public required string? AllowRedirects { get; init; }

    public string? Description { get; init; }

    public string? ReceiptEmail { get; init; }

    public string? ReturnUrl { get; init; }

    /// <summary>Where the 3-D Secure stand-in completes the challenge (the simulator's own endpoint).</summary>
    public required string AuthenticationUrl { get; init; }

    public string Status { get; set; } = "requires_payment_method";

    public long AmountReceived { get; set; }

    public long AmountCapturable { get; set; }

    public string? LatestChargeId { get; set; }

    public SimulatedError? LastPaymentError { get; set; }

    public long? CanceledAt { get; set; }

    public string? CancellationReason { get; set; }
}

internal sealed class SimulatedCharge
{
    public required string Id { get; init; }

    public required string IntentId { get; init; }

    public required long Amount { get; init; }

    public required string Currency { get; init; }

    public required string PaymentMethodId { get; init; }

    public required long Created { get; init; }

    public required IReadOnlyDictionary<string, string> Metadata { get; init; }

    public string? Description { get; init; }

    public SimulatedError? Failure { get; init; }

    public bool Succeeded => Failure is null;

    public bool Captured { get; set; }

    public long AmountCaptured { get; set; }

    /// <summary>Refunded from captured money by refunds.</summary>
    public long AmountRefunded { get; set; }

    /// <summary>Authorization released without capture (cancel, or what a partial capture left).</summary>
    public long AmountReleased { get; set; }

    public List<string> RefundIds { get; } = [];

    /// <summary>The dispute on this charge, if the card disputes; a charge is disputed at most once here.</summary>
    public string? DisputeId { get; set; }
}

internal sealed class SimulatedRefund
{
    public required string Id { get; init; }

    public required string ChargeId { get; init; }

    public required string IntentId { get; init; }

    public required long Amount { get; init; }

    public required string Currency { get; init; }

    public required long Created { get; init; }

    public required IReadOnlyDictionary<string, string> Metadata { get; init; }

    public string? Reason { get; init; }

    public string Status { get; init; } = "succeeded";
}

/// <summary>A Stripe error object's fields (also an intent's last_payment_error).</summary>
internal sealed record SimulatedError(string Type, string? Code, string Message, string? DeclineCode = null, string? Param = null);
