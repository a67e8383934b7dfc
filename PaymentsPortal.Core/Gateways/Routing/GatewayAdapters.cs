using System.Collections.Frozen;

namespace PaymentsPortal.Core.Gateways.Routing;

/// <summary>
/// The installed adapter for each gateway kind, shared by the router, reconciliation and the orphan sweep. The last
/// registration of a kind wins, as with any single service in DI, so a host (a test, the benchmark) can replace one.
/// </summary>
public sealed class GatewayAdapters(IEnumerable<IGatewayAdapterFactory> factories)
{
    private readonly FrozenDictionary<GatewayKind, IGatewayAdapterFactory> byKind =
        factories.GroupBy(f => f.Kind).ToFrozenDictionary(g => g.Key, g => g.Last());

    /// <summary>An adapter for <paramref name="connection"/>, or null when none is installed for its gateway.</summary>
    public IPaymentGateway? For(GatewayConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return byKind.TryGetValue(connection.Kind, out var factory) ? factory.Create(connection) : null;
    }
}
