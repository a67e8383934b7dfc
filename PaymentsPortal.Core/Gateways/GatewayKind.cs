namespace PaymentsPortal.Core.Gateways;

/// <summary>The payment gateways the portal has adapters for. Stored by name; never renumber.</summary>
public enum GatewayKind
{
    Stripe = 1,
    Braintree = 2,
}
