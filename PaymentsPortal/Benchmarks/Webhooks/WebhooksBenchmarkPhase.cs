namespace PaymentsPortal.Benchmarks.Webhooks;

/// <summary>
/// One measurement of <c>benchmark webhooks</c>. Each phase gets the same running portal and database, measures what it
/// measures, and returns its section of the report (a heading line and a Markdown table). A phase added later (an idle
/// portal's commits per second, say) implements this and is listed in <see cref="WebhooksBenchmarkCommand.Phases"/>.
/// </summary>
internal interface IWebhooksBenchmarkPhase
{
    /// <summary>The name <c>--only</c> selects it by.</summary>
    string Name { get; }

    Task<string> RunAsync(WebhooksBenchmarkContext context);
}

/// <summary>What every phase shares: the throwaway database, the portal running over it, the options.</summary>
internal sealed record WebhooksBenchmarkContext(ThrowawayDatabase Database, PortalUnderTest Portal, WebhooksBenchmarkOptions Options)
{
    public static void Log(string message) => Console.Error.WriteLine("[bench] " + message);
}
