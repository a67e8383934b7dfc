using Microsoft.Extensions.Options;
using PaymentsPortal.Core.Hosting;

namespace PaymentsPortal.Components.Pages.Banking;

/// <summary>Where the page loads Plaid Link from: Plaid's CDN in Live mode, the simulator's stand-in (served by the app) in Sandbox mode.</summary>
public sealed class PlaidLinkScript(IOptions<PortalOptions> portal)
{
    public const string Live = "https://cdn.plaid.com/link/v2/stable/link-initialize.js";

    public const string Sandbox = "/sandbox/plaid/link/v2/stable/link-initialize.js";

    public string Url => portal.Value.Mode == PortalMode.Live ? Live : Sandbox;
}
