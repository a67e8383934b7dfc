using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Settings;
using PaymentsPortal.Sandbox.Braintree;

namespace PaymentsPortal.Tests.Support;

/// <summary>Gives a merchant a gateway chain directly in the database, for tests about what happens on it.</summary>
public static class GatewayChains
{
    public static Task ConfigureAsync(CoreHost host, Guid merchantId, params GatewayKind[] order) => ConfigureAsync(host, merchantId, 1000, order);

    public static async Task ConfigureAsync(CoreHost host, Guid merchantId, int attemptTimeoutMs, params GatewayKind[] order)
    {
        var protector = host.Service<GatewayCredentialProtector>();
        await using var db = host.Context(merchantId);
        for (var i = 0; i < order.Length; i++)
        {
            db.MerchantGateways.Add(new MerchantGateway
            {
                MerchantId = merchantId,
                Gateway = order[i],
                Priority = i + 1,
                ProtectedSecret = protector.Protect(order[i] == GatewayKind.Braintree ? BraintreeSimulatorOptions.Sandbox.Secret : "sk_test_chain"),
                SecretHint = "…hain",
                AttemptTimeoutMs = attemptTimeoutMs,
                AccountId = order[i] == GatewayKind.Braintree ? "portal-merchant" : null,
            });
        }

        await db.SaveChangesAsync();
    }
}
