namespace PaymentsPortal.Core.Gateways.Routing;

/// <summary>Makes the adapter for one gateway kind from a merchant's connection (endpoint, credentials, timeout).</summary>
public interface IGatewayAdapterFactory
{
    GatewayKind Kind { get; }

    IPaymentGateway Create(GatewayConnection connection);
}
