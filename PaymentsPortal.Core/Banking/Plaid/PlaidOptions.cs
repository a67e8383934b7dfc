namespace PaymentsPortal.Core.Banking.Plaid;

/// <summary>Which Plaid the client talks to.</summary>
public enum PlaidEnvironment
{
    /// <summary>Plaid's own test environment (https://sandbox.plaid.com): test institutions and credentials, no real banks.</summary>
    Sandbox,

    /// <summary>
    /// Retired by Plaid in June 2024 (its OpenAPI definition lists only Sandbox and Production). Kept in the enum so that
    /// an old setting is refused with an explanation by <see cref="PlaidOptionsValidator"/> instead of failing to bind.
    /// </summary>
    Development,

    /// <summary>Real banks (https://production.plaid.com). Plaid's free "limited Production" also runs here.</summary>
    Production,

    /// <summary>The portal's own loopback stand-in for Plaid in Sandbox mode; <see cref="PlaidOptions.BaseAddress"/> says where.</summary>
    Simulator,
}

/// <summary>The "Plaid" configuration section.</summary>
public sealed class PlaidOptions
{
    public const string Section = "Plaid";

    public static readonly Uri SandboxBaseAddress = new("https://sandbox.plaid.com/");

    public static readonly Uri ProductionBaseAddress = new("https://production.plaid.com/");

    /// <summary>Default: Plaid's Sandbox, so a half-configured portal can never reach real bank data.</summary>
    public PlaidEnvironment Environment { get; set; } = PlaidEnvironment.Sandbox;

    /// <summary>Plaid's client id (not secret, but it names our account). Sent as the PLAID-CLIENT-ID header.</summary>
    public string? ClientId { get; set; }

    /// <summary>The environment's secret. Sent only as the PLAID-SECRET header; never logged or put in a message.</summary>
    public string? Secret { get; set; }

    /// <summary>Where requests go instead of the environment's address: required for Simulator, optional otherwise (an egress proxy).</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>
    /// Whether Plaid is set up at all. A portal without Plaid keys still runs: bank linking is then unavailable (and says so) while
    /// statement imports and reconciliation work. Half a set-up (one of the two credentials) is refused at start.
    /// </summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(ClientId) || !string.IsNullOrWhiteSpace(Secret);

    /// <summary>
    /// The limit for each call, reply body included. /accounts/balance/get asks the bank in real time and Plaid's own
    /// libraries wait minutes, so the default is generous; a Blazor page can pass a shorter cancellation of its own.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The API root requests are sent under; <see cref="PlaidOptionsValidator"/> has checked it.</summary>
    public Uri ResolveBaseAddress()
    {
        var address = BaseAddress ?? Environment switch
        {
            PlaidEnvironment.Sandbox => SandboxBaseAddress,
            PlaidEnvironment.Production => ProductionBaseAddress,
            PlaidEnvironment.Development or PlaidEnvironment.Simulator => throw new InvalidOperationException(
                $"Plaid:Environment {Environment} has no address of its own; see PlaidOptionsValidator."),
            _ => throw new InvalidOperationException($"Unknown Plaid:Environment {Environment}."),
        };

        // A trailing slash keeps the base's own path when relative endpoint paths are resolved against it.
        return address.AbsoluteUri.EndsWith('/') ? address : new Uri(address.AbsoluteUri + "/");
    }
}
