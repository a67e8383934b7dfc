namespace PaymentsPortal.Sandbox;

/// <summary>
/// Faults one simulated gateway injects, each a probability per request (0 = never, 1 = always). They model
/// what makes real gateway calls hard: a 5xx or a timeout says nothing about whether the charge happened.
/// </summary>
/// <param name="AddedLatency">Added before every request is handled.</param>
/// <param name="ServerError">Answer 500 without committing anything (the caller cannot tell it did not commit).</param>
/// <param name="TimeoutBeforeCommit">Stall past the caller's timeout, then give up without committing.</param>
/// <param name="TimeoutAfterCommit">Commit, then stall past the caller's timeout: the charge exists, the reply is lost.</param>
/// <param name="ConnectionReset">Commit, then reset the connection instead of replying.</param>
/// <param name="Outage">Refuse every connection: the listener is closed, so callers provably never reach it.</param>
public sealed record FaultSettings(
    TimeSpan AddedLatency = default,
    double ServerError = 0,
    double TimeoutBeforeCommit = 0,
    double TimeoutAfterCommit = 0,
    double ConnectionReset = 0,
    bool Outage = false)
{
    public static FaultSettings None { get; } = new();

    /// <summary>How long a stall lasts: longer than any attempt timeout the portal accepts.</summary>
    public static TimeSpan Stall { get; } = TimeSpan.FromSeconds(30);

    public bool IsNone => this == None;
}
