using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Settings;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Webhooks.Inbound.Intake;

/// <summary>
/// The merchants' webhook signing keys, read from their gateway settings and decrypted once per
/// <see cref="CacheFor"/> rather than on every event: at thousands of events a second a read and two decryptions each would
/// cost more than storing the event. A change made on this instance applies at once (<see cref="Forget"/>); one made on
/// another instance within <see cref="CacheFor"/>. Stripe keeps signing with the old secret alongside the new one during a
/// rotation, so that delay loses nothing.
/// </summary>
public sealed class WebhookSigningKeys(IServiceScopeFactory scopes, GatewayCredentialProtector credentials, GatewayEndpoints endpoints, TimeProvider clock)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    /// <summary>Past this many entries the cache starts over, so requests for made-up merchant ids cannot grow it without bound.</summary>
    private const int MaxEntries = 10_000;

    /// <summary>Braintree's production API host; any other (its sandbox, the simulator) means test credentials.</summary>
    private const string BraintreeProductionHost = "payments.braintree-api.com";

    private readonly ConcurrentDictionary<(Guid Merchant, WebhookProvider Provider), Cached> cache = new();

    /// <summary>The key, or null when the merchant has no such gateway or (Stripe) no webhook secret yet.</summary>
    public async ValueTask<WebhookSigningKey?> ForAsync(Guid merchantId, WebhookProvider provider, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (cache.TryGetValue((merchantId, provider), out var cached) && cached.ExpiresAt > now)
        {
            return cached.Key;
        }

        var key = await LoadAsync(merchantId, provider, cancellationToken);
        if (cache.Count >= MaxEntries)
        {
            cache.Clear();
        }

        cache[(merchantId, provider)] = new Cached(key, now + CacheFor);
        return key;
    }

    /// <summary>Drops a merchant's cached keys after its settings changed on this instance.</summary>
    public void Forget(Guid merchantId)
    {
        foreach (var provider in Enum.GetValues<WebhookProvider>())
        {
            cache.TryRemove((merchantId, provider), out _);
        }
    }

    private async Task<WebhookSigningKey?> LoadAsync(Guid merchantId, WebhookProvider provider, CancellationToken cancellationToken)
    {
        // Plaid signs with its own published keys (PlaidWebhookVerifier), not a per-merchant secret.
        GatewayKind? kind = provider switch
        {
            WebhookProvider.Stripe => GatewayKind.Stripe,
            WebhookProvider.Braintree => GatewayKind.Braintree,
            WebhookProvider.Plaid => null,
        };
        if (kind is not { } gateway)
        {
            return null;
        }

        await using var scope = scopes.CreateForMerchant(merchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();

        // A disabled gateway still receives its webhooks: payments and refunds made through it go on settling.
        var setting = await db.MerchantGateways.AsNoTracking()
            .Where(g => g.MerchantId == merchantId && g.Gateway == gateway)
            .Select(g => new { g.ProtectedSecret, g.ProtectedWebhookSecret })
            .SingleOrDefaultAsync(cancellationToken);
        if (setting is null)
        {
            return null;
        }

        var apiSecret = credentials.Unprotect(setting.ProtectedSecret);
        switch (provider)
        {
            case WebhookProvider.Stripe:
                return setting.ProtectedWebhookSecret is { Length: > 0 } protectedWebhookSecret
                    ? new WebhookSigningKey(provider, credentials.Unprotect(protectedWebhookSecret), null, StripeKeyIsLive(apiSecret))
                    : null;
            default:
                var parts = apiSecret.Split(':', 2);
                var live = string.Equals(endpoints.For(GatewayKind.Braintree).Host, BraintreeProductionHost, StringComparison.OrdinalIgnoreCase);
                return parts is [{ Length: > 0 } publicKey, { Length: > 0 } privateKey] ? new WebhookSigningKey(provider, privateKey, publicKey, live) : null;
        }
    }

    /// <summary>Stripe's live keys say so in their prefix (sk_live_, rk_live_); test keys say sk_test_, rk_test_.</summary>
    public static bool StripeKeyIsLive(string apiKey) =>
        apiKey.StartsWith("sk_live_", StringComparison.Ordinal) || apiKey.StartsWith("rk_live_", StringComparison.Ordinal);

    private sealed record Cached(WebhookSigningKey? Key, DateTimeOffset ExpiresAt);
}
