using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Settings;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Sandbox.Webhooks;

/// <summary>One merchant's endpoint for a simulated account's events, with what the provider signs them with for it.</summary>
public sealed record SandboxWebhookEndpoint(Guid MerchantId, string SigningSecret, string? PublicKey)
{
    public override string ToString() => $"webhook endpoint of merchant {MerchantId}";
}

/// <summary>
/// The endpoints registered for a simulated account: every merchant whose gateway uses that account's credentials (the same
/// Stripe secret key, the same Braintree public key) and, for Stripe, has a webhook signing secret. A provider sends each
/// event of an account to every endpoint registered on it; a merchant that does not know the payment ignores the event.
/// Read from the merchants' settings and kept for a few seconds.
/// </summary>
public sealed class SandboxWebhookSubscribers(IServiceScopeFactory scopes, GatewayCredentialProtector credentials, TimeProvider clock)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    private readonly Lock gate = new();
    private readonly Dictionary<GatewayKind, (DateTimeOffset ExpiresAt, IReadOnlyList<Registered> Merchants)> cache = [];

    public async Task<IReadOnlyList<SandboxWebhookEndpoint>> ForAsync(GatewayKind gateway, string account, CancellationToken cancellationToken)
    {
        var registered = await RegisteredAsync(gateway, cancellationToken);
        return gateway switch
        {
            GatewayKind.Stripe => [.. registered
                .Where(r => r.WebhookSecret is not null && string.Equals(r.ApiSecret, account, StringComparison.Ordinal))
                .Select(r => new SandboxWebhookEndpoint(r.MerchantId, r.WebhookSecret!, null))],
            _ => [.. registered
                .Select(r => (r.MerchantId, Keys: r.ApiSecret.Split(':', 2)))
                .Where(r => r.Keys is [var publicKey, _] && string.Equals(publicKey, account, StringComparison.Ordinal))
                .Select(r => new SandboxWebhookEndpoint(r.MerchantId, r.Keys[1], r.Keys[0]))],
        };
    }

    private async Task<IReadOnlyList<Registered>> RegisteredAsync(GatewayKind gateway, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        lock (gate)
        {
            if (cache.TryGetValue(gateway, out var cached) && cached.ExpiresAt > now)
            {
                return cached.Merchants;
            }
        }

        await using var scope = scopes.CreateForPlatform();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var rows = await db.MerchantGateways.IgnoreQueryFilters().AsNoTracking()
            .Where(g => g.Gateway == gateway)
            .Select(g => new { g.MerchantId, g.ProtectedSecret, g.ProtectedWebhookSecret })
            .ToListAsync(cancellationToken);
        IReadOnlyList<Registered> merchants = [.. rows.Select(r => new Registered(
            r.MerchantId, credentials.Unprotect(r.ProtectedSecret), r.ProtectedWebhookSecret is { } secret ? credentials.Unprotect(secret) : null))];
        lock (gate)
        {
            cache[gateway] = (now + CacheFor, merchants);
        }

        return merchants;
    }

    private sealed record Registered(Guid MerchantId, string ApiSecret, string? WebhookSecret)
    {
        public override string ToString() => $"merchant {MerchantId}";
    }
}
