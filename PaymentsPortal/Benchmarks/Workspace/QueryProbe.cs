namespace PaymentsPortal.Benchmarks.Workspace;

/// <summary>Which target a query is held to, if any.</summary>
internal enum ProbeTarget
{
    /// <summary>Measured for comparison only: the baseline, or the OFFSET query shown for reference.</summary>
    None,

    /// <summary>A page of the payments list: p95 at most 20 ms, at any depth.</summary>
    ListPage,

    /// <summary>The dashboard's KPI panel: p95 at most 100 ms.</summary>
    KpiPanel,
}

/// <summary>
/// One query the benchmark times, run as the app would run it; each call is one sample and returns how much it found (rows of a
/// page, payments counted by the panel; <paramref name="Unit"/> is its noun, singular), which the report shows so that an empty page is not mistaken for a fast one.
/// </summary>
internal sealed record QueryProbe(string Name, ProbeTarget Target, string Unit, Func<CancellationToken, Task<long>> RunAsync);
