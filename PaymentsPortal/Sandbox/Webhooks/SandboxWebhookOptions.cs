namespace PaymentsPortal.Sandbox.Webhooks;

/// <summary>The "Sandbox:Webhooks" section: how the simulators deliver their webhooks to the app (Sandbox mode only).</summary>
public sealed class SandboxWebhookOptions
{
    public const string Section = "Sandbox:Webhooks";

    /// <summary>Off, the simulators' events are dropped: for tests that do not care about webhooks.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Where the app is reached, for example http://127.0.0.1:5000; by default the first address the server listens on.</summary>
    public string? AppBaseUrl { get; set; }

    /// <summary>Tries per endpoint before a delivery is given up (real providers keep trying for days; a sandbox need not).</summary>
    public int Attempts { get; set; } = 4;

    /// <summary>The wait before the first retry; each later one waits twice as long.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);
}
