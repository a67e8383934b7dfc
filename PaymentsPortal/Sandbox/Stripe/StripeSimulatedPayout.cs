namespace PaymentsPortal.Sandbox.Stripe;

// A payout of the balance to the account's bank account. Only StripeSimulatorState touches it, always under its lock.
internal sealed class SimulatedPayout : IStripeListed
{
    public required string Id { get; init; }

    public required long Amount { get; init; }

    public required string Currency { get; init; }

    public required long Created { get; init; }

    public required long Sequence { get; init; }

    public required long ArrivalDate { get; init; }

    /// <summary>Made by the payout schedule (true) or by POST /v1/payouts (false).</summary>
    public required bool Automatic { get; init; }

    /// <summary>The account's bank account, ba_…</summary>
    public required string Destination { get; init; }

    public required IReadOnlyDictionary<string, string> Metadata { get; init; }

    public string? Description { get; init; }

    public string? StatementDescriptor { get; init; }

    /// <summary>pending, then paid; failed when the bank returns it (which at Stripe may come after paid).</summary>
    public string Status { get; set; } = "pending";

    public string? FailureCode { get; set; }

    public string? FailureMessage { get; set; }

    /// <summary>A failed payout's money is back in the balance.</summary>
    public bool HoldsFunds => Status != "failed";
}
