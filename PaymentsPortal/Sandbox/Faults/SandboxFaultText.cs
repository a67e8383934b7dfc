using System.Globalization;

namespace PaymentsPortal.Sandbox.Faults;

/// <summary>Fault settings in a few words for people, with invariant numbers.</summary>
public static class SandboxFaultText
{
    public static string Summary(FaultSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var parts = new List<string>();
        if (settings.Outage)
        {
            parts.Add("outage");
        }

        if (settings.AddedLatency > TimeSpan.Zero)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{settings.AddedLatency.TotalMilliseconds:0} ms added latency"));
        }

        Add(parts, settings.ServerError, "server errors");
        Add(parts, settings.TimeoutBeforeCommit, "timeouts before commit");
        Add(parts, settings.TimeoutAfterCommit, "timeouts after commit");
        Add(parts, settings.ConnectionReset, "connection resets");
        return parts.Count == 0 ? "no faults" : string.Join(", ", parts);
    }

    private static void Add(List<string> parts, double probability, string what)
    {
        if (probability > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{probability * 100:0.##}% {what}"));
        }
    }
}
