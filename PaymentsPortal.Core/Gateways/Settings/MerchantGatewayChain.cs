using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Persistence;

namespace PaymentsPortal.Core.Gateways.Settings;

/// <summary>A merchant's enabled gateways in the order they are tried, with credentials decrypted for the calls.</summary>
public sealed class MerchantGatewayChain(GatewayEndpoints endpoints, GatewayCredentialProtector credentials)
{
    public async Task<IReadOnlyList<GatewayConnection>> ForAsync(PortalDbContext db, Guid merchantId, CancellationToken cancellationToken)
    {
        var configured = await db.MerchantGateways.AsNoTracking()
            .Where(g => g.MerchantId == merchantId && g.Enabled)
            .OrderBy(g => g.Priority)
            .ToListAsync(cancellationToken);
        return [.. configured.Select(g => new GatewayConnection(
            g.Gateway, endpoints.For(g.Gateway), g.AccountId, credentials.Unprotect(g.ProtectedSecret), g.AttemptTimeout, g.MerchantAccountId))];
    }
}
