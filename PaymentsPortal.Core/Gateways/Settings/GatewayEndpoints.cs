namespace PaymentsPortal.Core.Gateways.Settings;

/// <summary>
/// Where each gateway's API is. In Live mode these are the providers' own addresses (configurable under
/// "Gateways:Endpoints" for a provider's sandbox); in Sandbox mode the web host points them at its loopback
/// simulators once they listen.
/// </summary>
public sealed class GatewayEndpoints
{
    private readonly Dictionary<GatewayKind, Uri> addresses = new()
    {
        [GatewayKind.Stripe] = new Uri("https://api.stripe.com/"),
        [GatewayKind.Braintree] = new Uri("https://payments.braintree-api.com/"),
    };

    private readonly Lock gate = new();

    public Uri For(GatewayKind kind)
    {
        lock (gate)
        {
            return addresses[kind];
        }
    }

    public void Use(GatewayKind kind, Uri address)
    {
        lock (gate)
        {
            addresses[kind] = address;
        }
    }
}
