namespace PaymentsPortal.Core.Identity.StepUp;

/// <summary>The answer to one step-up attempt, with a message for the person when it failed.</summary>
public sealed record StepUpResult(StepUpOutcome Outcome, string? Error)
{
    public static StepUpResult Verified { get; } = new(StepUpOutcome.Verified, null);

    public bool Succeeded => Outcome == StepUpOutcome.Verified;
}

public enum StepUpOutcome
{
    Verified = 1,

    /// <summary>Wrong password or code; counted toward lockout like a failed sign-in.</summary>
    Rejected = 2,

    /// <summary>The account is locked (perhaps by this very attempt); its sessions are ended.</summary>
    LockedOut = 3,
}
