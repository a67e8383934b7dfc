namespace PaymentsPortal.Sandbox.Stripe;

/// <summary>A dispute as the simulator holds it, for tests: which charge it is on, its amount and its status.</summary>
public sealed record StripeSimulatedDispute(string DisputeId, string ChargeId, string PaymentIntentId, long Amount, string Currency, string Status);

// A dispute (chargeback) on a captured charge. Only StripeSimulatorState touches it, always under its lock.
internal sealed class SimulatedDispute : IStripeListed
{
    public required string Id { get; init; }

    public required string ChargeId { get; init; }

    public required string IntentId { get; init; }

    public required long Amount { get; init; }

    public required string Currency { get; init; }

    public required string Reason { get; init; }

    public required long Created { get; init; }

    public required long Sequence { get; init; }

    /// <summary>When evidence is due (unix seconds): Stripe gives about a week before the network's deadline.</summary>
    public required long DueBy { get; init; }

    /// <summary>needs_response until decided, then won or lost.</summary>
    public string Status { get; set; } = "needs_response";

    /// <summary>Whether the disputed amount is out of the balance: from creation until the dispute is won.</summary>
    public bool FundsWithdrawn => Status != "won";
}
