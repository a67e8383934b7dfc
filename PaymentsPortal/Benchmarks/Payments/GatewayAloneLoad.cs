using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Routing;

namespace PaymentsPortal.Benchmarks.Payments;

/// <summary>
/// Only the gateway step of a payment, exactly as the router makes it (the adapter from its factory, the call through
/// the breaker, HTTP to the simulator) but with no database: what the Stripe leg and the in-process simulator cost.
/// </summary>
internal sealed class GatewayAloneLoad(IGatewayAdapterFactory factory, GatewayCircuitBreakers breakers, GatewayConnection connection, Guid merchant)
{
    private long notSucceeded;

    public long NotSucceeded => Interlocked.Read(ref notSucceeded);

    public async Task CallAsync(int client)
    {
        var gateway = factory.Create(connection);
        var request = new AuthorizeRequest(Guid.CreateVersion7(), merchant, Guid.CreateVersion7(), BenchmarkPayments.Amount, BenchmarkPayments.StripeCard,
            Capture: true, BenchmarkPayments.Description, BenchmarkPayments.CustomerEmail, ReturnUrl: null);
        var result = await breakers.ExecuteAsync(connection, token => gateway.AuthorizeAsync(request, token), CancellationToken.None);
        if (result.Outcome != GatewayOutcome.Succeeded)
        {
            Interlocked.Increment(ref notSucceeded);
        }
    }
}
