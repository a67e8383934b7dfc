using Polly.CircuitBreaker;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Routing;
using PaymentsPortal.Core.Gateways.Settings;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Sandbox.Faults;

/// <summary>A simulated gateway as one merchant sees it: where it stands in their order (null when not in it) and its breaker.</summary>
public sealed record SandboxGatewayRow(GatewayKind Kind, int? Position, CircuitState Breaker);

/// <summary>
/// Reads, for the Sandbox faults page, each simulated gateway's place in a merchant's chain and the state of its circuit
/// breaker. Breakers belong to a gateway's endpoint, not to a merchant or its credentials, so one shared breaker is shown.
/// </summary>
public sealed class SandboxGatewayStatus(
    SandboxGateways gateways, GatewayEndpoints endpoints, GatewayCircuitBreakers breakers, MerchantGatewayChain chains, IServiceScopeFactory scopes)
{
    /// <summary>The merchant's enabled gateways in the order payments and checkout try them.</summary>
    public async Task<IReadOnlyList<GatewayKind>> OrderAsync(Guid merchantId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateForMerchant(merchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();

        // Only the kinds are kept: the chain carries decrypted credentials, which a page has no use for.
        return [.. (await chains.ForAsync(db, merchantId, cancellationToken)).Select(c => c.Kind)];
    }

    /// <summary>Every simulated gateway with its breaker now; cheap, so the page can poll it.</summary>
    public IReadOnlyList<SandboxGatewayRow> Rows(IReadOnlyList<GatewayKind> order) =>
    [
        .. Enum.GetValues<GatewayKind>().Where(gateways.Host.Serves).Select(kind =>
        {
            var index = order.ToList().IndexOf(kind);
            return new SandboxGatewayRow(kind, index < 0 ? null : index + 1, BreakerOf(kind));
        }),
    ];

    // A connection without credentials: the breaker is keyed by the gateway and its address only.
    private CircuitState BreakerOf(GatewayKind kind) =>
        breakers.StateOf(new GatewayConnection(kind, endpoints.For(kind), null, "", TimeSpan.Zero));
}
