using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace PaymentsPortal.Sandbox.Plaid;

/// <summary>One verification key as /webhook_verification_key/get describes it; ExpiredAt is set once it was rotated out.</summary>
public sealed record PlaidWebhookKey(string KeyId, string X, string Y, DateTimeOffset CreatedAt, DateTimeOffset? ExpiredAt)
{
    /// <summary>The JWK Plaid serves: alg ES256, crv P-256, kty EC, use sig, x and y base64url, created_at and expired_at in Unix seconds.</summary>
    public JsonObject ToJwk() => new()
    {
        ["alg"] = "ES256",
        ["created_at"] = CreatedAt.ToUnixTimeSeconds(),
        ["crv"] = "P-256",
        ["expired_at"] = ExpiredAt?.ToUnixTimeSeconds(),
        ["kid"] = KeyId,
        ["kty"] = "EC",
        ["use"] = "sig",
        ["x"] = X,
        ["y"] = Y,
    };
}

/// <summary>
/// The simulator's webhook signing keys: real P-256 keys made at start, signing the Plaid-Verification JWT exactly as Plaid
/// documents it — header {alg: ES256, kid, typ: JWT}, payload {iat, request_body_sha256: hex SHA-256 of the exact body},
/// signature r||s. <see cref="Rotate"/> starts a new key and stamps expired_at on the old one, which stays retrievable by kid
/// (Plaid keeps serving expired keys so verifiers can see that they expired).
/// </summary>
public sealed class PlaidWebhookKeys : IDisposable
{
    private readonly Lock gate = new();
    private readonly TimeProvider clock;
    private readonly Dictionary<string, (ECDsa Key, PlaidWebhookKey Public)> keys = new(StringComparer.Ordinal);
    private string currentKeyId;

    public PlaidWebhookKeys(TimeProvider? clock = null)
    {
        this.clock = clock ?? TimeProvider.System;
        currentKeyId = Add();
    }

    public string CurrentKeyId
    {
        get
        {
            lock (gate)
            {
                return currentKeyId;
            }
        }
    }

    public PlaidWebhookKey? Find(string keyId)
    {
        lock (gate)
        {
            return keys.TryGetValue(keyId, out var entry) ? entry.Public : null;
        }
    }

    /// <summary>Signs with a new key from now on; the old one gets expired_at = now. Returns the new kid.</summary>
    public string Rotate()
    {
        lock (gate)
        {
            var old = keys[currentKeyId];
            keys[currentKeyId] = (old.Key, old.Public with { ExpiredAt = clock.GetUtcNow() });
            currentKeyId = Add();
            return currentKeyId;
        }
    }

    /// <summary>The Plaid-Verification header value for <paramref name="body"/>, signed now with the current key.</summary>
    public string Sign(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var bodyHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)));
        lock (gate)
        {
            var header = new JsonObject { ["alg"] = "ES256", ["kid"] = currentKeyId, ["typ"] = "JWT" };
            var payload = new JsonObject { ["iat"] = clock.GetUtcNow().ToUnixTimeSeconds(), ["request_body_sha256"] = bodyHash };
            var signingInput = Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64Url(Encoding.UTF8.GetBytes(payload.ToJsonString()));

            // .NET signs in IEEE P1363 form (r||s, 64 bytes for P-256), which is what JWS ES256 requires.
            var signature = keys[currentKeyId].Key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256);
            return signingInput + "." + Base64Url(signature);
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            foreach (var (key, _) in keys.Values)
            {
                key.Dispose();
            }

            keys.Clear();
        }
    }

    private string Add()
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var point = key.ExportParameters(includePrivateParameters: false).Q;
        var id = Guid.NewGuid().ToString("D");
        keys[id] = (key, new PlaidWebhookKey(id, Base64Url(point.X!), Base64Url(point.Y!), clock.GetUtcNow(), null));
        return id;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
