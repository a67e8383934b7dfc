namespace PaymentsPortal.Components.Pages.Sandbox;

/// <summary>
/// Pages under /sandbox/ drive the simulators, which exist only in Sandbox mode. Outside it their routes must not
/// exist at all, so a request answers 404 before authorization instead of reaching a page (or an access-denied page).
/// </summary>
public static class SandboxPages
{
    public const string PathPrefix = "/sandbox/";

    /// <summary>An endpoint convention: unmatchable for every page routed under <see cref="PathPrefix"/>.</summary>
    public static void HideFromRouting(EndpointBuilder endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (endpoint is RouteEndpointBuilder route && route.RoutePattern.RawText?.StartsWith(PathPrefix, StringComparison.OrdinalIgnoreCase) == true)
        {
            endpoint.Metadata.Add(new SuppressMatchingMetadata());
        }
    }
}
