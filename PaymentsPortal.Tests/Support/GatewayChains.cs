using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Settings;

namespace PaymentsPortal.Tests.Support;

/// <summary>Gives a merchant a gateway chain directly in the database, for tests about what happens on it.</summary>
public static class GatewayChains
{
    public static async Task ConfigureAsync(CoreHost host, Guid merchantId, params GatewayKind[] order)
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
                ProtectedSecret = protector.Protect("sk_test_chain"),
                SecretHint = "…hain",
                AttemptTimeoutMs = 1000,
            });
        }

        await db.SaveChangesAsync();
    }
}
