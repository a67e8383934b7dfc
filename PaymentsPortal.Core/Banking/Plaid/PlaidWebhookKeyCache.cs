using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace PaymentsPortal.Core.Banking.Plaid;

/// <summary>
/// Plaid's webhook signing keys by kid, fetched with /webhook_verification_key/get. A key is kept until its
/// expired_at, but fetched again after <see cref="RefreshAfter"/> so that an expiry Plaid sets later is seen. Fetches
/// are serialised (they are rare), so a burst of webhooks signed with a new key costs one call. Anyone can post a token
/// naming any kid, so a kid Plaid says it does not have is remembered for <see cref="UnknownFor"/>, and at most
/// <see cref="FetchesPerMinute"/> fetches are made a minute: past that a webhook is answered "could not verify" (the
/// endpoint's 503), and Plaid delivers a genuine one again later.
/// </summary>
public sealed class PlaidWebhookKeyCache(PlaidClient client, TimeProvider time) : IDisposable
{
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromHours(1);

    /// <summary>How long a kid Plaid said it does not have is refused without asking again.</summary>
    public static readonly TimeSpan UnknownFor = TimeSpan.FromMinutes(10);

    /// <summary>Key fetches allowed in any minute: far above Plaid's rotations, far below what a flood of forged kids would cost.</summary>
    public const int FetchesPerMinute = 10;

    // Forged kids are remembered up to this many; past it the list starts again (the fetch budget still holds).
    private const int UnknownKidsKept = 10_000;

    private readonly ConcurrentDictionary<string, CachedKey> keys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> unknownUntil = new(StringComparer.Ordinal);
    private readonly Queue<DateTimeOffset> recentFetches = new();
    private readonly SemaphoreSlim fetching = new(1, 1);

    /// <summary>The usable key for <paramref name="keyId"/>, or the verification failure that stands in its place.</summary>
    internal async Task<KeyLookup> GetAsync(string keyId, CancellationToken cancellationToken)
    {
        if (Fresh(keyId) is { } cached)
        {
            return Usable(cached);
        }

        if (KnownUnknown(keyId))
        {
            return Unknown(keyId, "asked within the last minutes");
        }

        await fetching.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another webhook may have fetched it while this one waited.
            if (Fresh(keyId) is { } fetched)
            {
                return Usable(fetched);
            }

            if (!TakeFetch())
            {
                return KeyLookup.Fail(PlaidWebhookVerificationStatus.KeyFetchFailed,
                    $"More than {FetchesPerMinute} webhook key look-ups in a minute; this webhook is left for Plaid to deliver again.");
            }

            var result = await client.GetWebhookVerificationKeyAsync(keyId, cancellationToken).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                keys.TryRemove(keyId, out _);
                if (result.Failure.Kind is PlaidFailureKind.InvalidRequest or PlaidFailureKind.ItemNotFound)
                {
                    RememberUnknown(keyId);
                    return Unknown(keyId, result.Failure.ErrorCode ?? "no such key");
                }

                return KeyLookup.Fail(PlaidWebhookVerificationStatus.KeyFetchFailed, $"Plaid's webhook key could not be fetched: {result.Failure.Kind}.");
            }

            var key = result.Value.Key;
            if (!string.Equals(key.Kid, keyId, StringComparison.Ordinal))
            {
                return KeyLookup.Fail(PlaidWebhookVerificationStatus.KeyFetchFailed, "Plaid answered with a key for another kid.");
            }

            if (ToParameters(key) is not { } parameters)
            {
                return KeyLookup.Fail(PlaidWebhookVerificationStatus.KeyFetchFailed, "Plaid's key is not an ES256 P-256 key.");
            }

            var entry = new CachedKey(parameters, ExpiresAt(key), time.GetUtcNow());
            keys[keyId] = entry;
            return Usable(entry);
        }
        finally
        {
            fetching.Release();
        }
    }

    public void Dispose() => fetching.Dispose();

    private static KeyLookup Unknown(string keyId, string why) =>
        KeyLookup.Fail(PlaidWebhookVerificationStatus.UnknownKey, $"Plaid has no webhook key '{PlaidJws.Printable(keyId)}' ({why}).");

    private bool KnownUnknown(string keyId) =>
        unknownUntil.TryGetValue(keyId, out var until) && time.GetUtcNow() < until;

    private void RememberUnknown(string keyId)
    {
        if (unknownUntil.Count >= UnknownKidsKept)
        {
            unknownUntil.Clear();
        }

        unknownUntil[keyId] = time.GetUtcNow() + UnknownFor;
    }

    // Called under the fetch lock: a sliding minute of fetch times.
    private bool TakeFetch()
    {
        var now = time.GetUtcNow();
        while (recentFetches.Count > 0 && now - recentFetches.Peek() >= TimeSpan.FromMinutes(1))
        {
            recentFetches.Dequeue();
        }

        if (recentFetches.Count >= FetchesPerMinute)
        {
            return false;
        }

        recentFetches.Enqueue(now);
        return true;
    }

    private CachedKey? Fresh(string keyId) =>
        keys.TryGetValue(keyId, out var entry) && (entry.ExpiresAt is not null || time.GetUtcNow() - entry.FetchedAt < RefreshAfter)
            ? entry
            : null;

    private KeyLookup Usable(CachedKey entry) =>
        entry.ExpiresAt is { } expiry && time.GetUtcNow() >= expiry
            ? KeyLookup.Fail(PlaidWebhookVerificationStatus.KeyExpired, "Plaid expired this webhook key.")
            : new KeyLookup(entry.Parameters, null);

    private static DateTimeOffset? ExpiresAt(PlaidWebhookVerificationKey key) =>
        key.ExpiredAt is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    // Only a P-256 signing key for ES256 is usable; the point is checked by importing it once here.
    private static ECParameters? ToParameters(PlaidWebhookVerificationKey key)
    {
        if (key.Kty != "EC" || key.Crv != "P-256" || key.Alg != "ES256" || key.Use is not ("sig" or ""))
        {
            return null;
        }

        try
        {
            var parameters = new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = Base64Url.DecodeFromChars(key.X), Y = Base64Url.DecodeFromChars(key.Y) },
            };
            if (parameters.Q.X!.Length != 32 || parameters.Q.Y!.Length != 32)
            {
                return null;
            }

            using var check = ECDsa.Create(parameters);
            return parameters;
        }
        catch (Exception exception) when (exception is FormatException or CryptographicException)
        {
            return null;
        }
    }

    private sealed record CachedKey(ECParameters Parameters, DateTimeOffset? ExpiresAt, DateTimeOffset FetchedAt);
}

/// <summary>A key to verify with, or why there is none.</summary>
internal sealed record KeyLookup(ECParameters? Parameters, PlaidWebhookVerification? Failure)
{
    public static KeyLookup Fail(PlaidWebhookVerificationStatus status, string reason) => new(null, PlaidWebhookVerification.Fail(status, reason));
}
