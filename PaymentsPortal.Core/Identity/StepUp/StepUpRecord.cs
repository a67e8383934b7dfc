namespace PaymentsPortal.Core.Identity.StepUp;

/// <summary>
/// When a user last proved again who they are in one sign-in session. Keyed by user and session, so
/// a step-up in one browser does not open the window for another session of the same account.
/// </summary>
public sealed class StepUpRecord
{
    public Guid UserId { get; init; }

    /// <summary>The session id claim of the sign-in (see <see cref="SessionClaims"/>).</summary>
    public Guid SessionId { get; init; }

    public DateTimeOffset SteppedUpAt { get; set; }

    public StepUpMethod Method { get; set; }
}
