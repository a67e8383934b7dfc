using PaymentsPortal.Core.Gateways;

namespace PaymentsPortal.Sandbox;

/// <summary>
/// A loopback stand-in for one gateway's API, served only in Sandbox mode on a listener of its own, so that
/// an outage can be a refused connection and the real adapter reaches it over real HTTP.
/// </summary>
public interface IGatewaySimulator
{
    GatewayKind Kind { get; }

    /// <summary>Maps the API subset the adapter calls. Handlers apply <see cref="SimulatedFaults"/> around their commit.</summary>
    void Map(IEndpointRouteBuilder routes);
}
