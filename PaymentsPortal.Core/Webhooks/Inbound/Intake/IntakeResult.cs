namespace PaymentsPortal.Core.Webhooks.Inbound.Intake;

/// <summary>What the intake did with one delivery. Only <see cref="Stored"/> and <see cref="Duplicate"/> are acknowledged.</summary>
public enum IntakeOutcome
{
    /// <summary>Verified and stored for the processor.</summary>
    Stored = 1,

    /// <summary>Verified; the same event was stored before (a redelivery or a replay), so nothing new was stored.</summary>
    Duplicate = 2,

    /// <summary>No signature matches (tampered, wrong secret, or no key for this merchant and provider): nothing stored.</summary>
    BadSignature = 3,

    /// <summary>The signature's timestamp is outside the tolerance: possibly a replay, nothing stored.</summary>
    StaleTimestamp = 4,

    /// <summary>Signed, but not an event the portal can read (no id or type): nothing stored.</summary>
    Malformed = 5,

    /// <summary>A test-mode event for a live merchant, or a live one for a merchant with test keys: nothing stored.</summary>
    ModeMismatch = 6,

    /// <summary>The signature could not be checked now (Plaid's key could not be fetched): nothing stored, and the sender should try again.</summary>
    NotVerifiedYet = 7,
}

/// <summary>The outcome and, once verified, the event's id and type (for the log line; never the payload).</summary>
public sealed record IntakeResult(IntakeOutcome Outcome, string? EventId = null, string? EventType = null)
{
    public bool Acknowledged => Outcome is IntakeOutcome.Stored or IntakeOutcome.Duplicate;

    public static IntakeResult Rejected(IntakeOutcome outcome) => new(outcome);
}
