using Microsoft.AspNetCore.Authorization;

namespace PaymentsPortal.Hosting;

/// <summary>
/// Lets anonymous browsers open a Blazor circuit, so a public page (a payment link) becomes interactive. The fallback policy
/// would otherwise refuse the hub's negotiation with 401. Nothing else opens up: every page still declares its permission,
/// checked by the authorization middleware on a full load and by the router's AuthorizeRouteView inside the circuit.
/// </summary>
public static class CircuitHubAccess
{
    public const string HubPath = "/_blazor";

    /// <summary>An endpoint convention: anonymous access for the circuit hub's endpoints, and only those.</summary>
    public static void AllowAnonymousCircuits(EndpointBuilder endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (endpoint is RouteEndpointBuilder route && route.RoutePattern.RawText?.StartsWith(HubPath, StringComparison.OrdinalIgnoreCase) == true)
        {
            endpoint.Metadata.Add(new AllowAnonymousAttribute());
        }
    }
}
