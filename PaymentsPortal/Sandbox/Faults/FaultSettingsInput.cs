namespace PaymentsPortal.Sandbox.Faults;

/// <summary>
/// One gateway's faults as a person enters them: latency in milliseconds and each probability as a percentage.
/// Out-of-range values are reported per field rather than clamped, so nobody applies a fault they did not ask for.
/// </summary>
public sealed class FaultSettingsInput
{
    /// <summary>Longer than any attempt timeout the portal accepts would turn every call into a timeout; that is what the stall faults are for.</summary>
    public const int MaxLatencyMs = 30_000;

    public int LatencyMs { get; set; }

    public decimal ServerErrorPercent { get; set; }

    public decimal TimeoutBeforeCommitPercent { get; set; }

    public decimal TimeoutAfterCommitPercent { get; set; }

    public decimal ConnectionResetPercent { get; set; }

    public bool Outage { get; set; }

    public string? LatencyProblem => LatencyProblemOf(LatencyMs);

    public static string? LatencyProblemOf(int latencyMs) =>
        latencyMs is < 0 or > MaxLatencyMs ? $"Enter a latency from 0 to {MaxLatencyMs} ms." : null;

    public static string? PercentProblem(decimal percent) =>
        percent is < 0 or > 100 ? "Enter a percentage from 0 to 100." : null;

    /// <summary>Every problem, with the field it belongs to; empty when the input can be applied.</summary>
    public IReadOnlyList<string> Problems =>
    [
        .. new[]
        {
            Named("Added latency", LatencyProblem),
            Named("Server error", PercentProblem(ServerErrorPercent)),
            Named("Timeout before commit", PercentProblem(TimeoutBeforeCommitPercent)),
            Named("Timeout after commit", PercentProblem(TimeoutAfterCommitPercent)),
            Named("Connection reset", PercentProblem(ConnectionResetPercent)),
        }.OfType<string>(),
    ];

    public static FaultSettingsInput From(FaultSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new FaultSettingsInput
        {
            LatencyMs = (int)settings.AddedLatency.TotalMilliseconds,
            ServerErrorPercent = Percent(settings.ServerError),
            TimeoutBeforeCommitPercent = Percent(settings.TimeoutBeforeCommit),
            TimeoutAfterCommitPercent = Percent(settings.TimeoutAfterCommit),
            ConnectionResetPercent = Percent(settings.ConnectionReset),
            Outage = settings.Outage,
        };
    }

    /// <summary>The settings to apply; only call when <see cref="Problems"/> is empty.</summary>
    public FaultSettings ToSettings()
    {
        if (Problems.Count > 0)
        {
            throw new InvalidOperationException("The fault settings are not valid: " + string.Join(" ", Problems));
        }

        return new FaultSettings(
            TimeSpan.FromMilliseconds(LatencyMs),
            Probability(ServerErrorPercent),
            Probability(TimeoutBeforeCommitPercent),
            Probability(TimeoutAfterCommitPercent),
            Probability(ConnectionResetPercent),
            Outage);
    }

    private static string? Named(string field, string? problem) => problem is null ? null : $"{field}: {problem}";

    private static decimal Percent(double probability) => Math.Round((decimal)probability * 100m, 2);

    private static double Probability(decimal percent) => (double)(percent / 100m);
}
