using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace PaymentsPortal.Tests.Unit.Banking.Plaid;

/// <summary>
/// Plays Plaid's part in webhook signing with a real P-256 key made for the test: serves the key from
/// /webhook_verification_key/get and signs Plaid-Verification tokens the way Plaid does (ES256, raw r||s).
/// </summary>
internal sealed class PlaidWebhookSigner : IDisposable
{
    public const string KeyPath = "/webhook_verification_key/get";

    private readonly ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public PlaidWebhookSigner(string keyId = "bfbd5111-8e33-4643-8ced-b2e642a72f3c") => KeyId = keyId;

    public string KeyId { get; }

    /// <summary>Unix seconds; set to make Plaid report the key as expired.</summary>
    public long? ExpiredAt { get; set; }

    /// <summary>Serves this key for its kid and INVALID_INPUT for any other, as Plaid does for an unknown key id.</summary>
    public PlaidStubHandler ServeKeyFrom(PlaidStubHandler stub) => stub.On(KeyPath, (request, _) =>
    {
        using var body = JsonDocument.Parse(request.Body);
        var asked = body.RootElement.GetProperty("key_id").GetString();
        return Task.FromResult(asked == KeyId
            ? PlaidStubHandler.Json(HttpStatusCode.OK, JsonSerializer.Serialize(new { key = Jwk(), request_id = "RZ6Omi1bzzwDaLo" }))
            : PlaidStubHandler.Json(HttpStatusCode.BadRequest,
                """{"error_type":"INVALID_INPUT","error_code":"INVALID_WEBHOOK_VERIFICATION_KEY_ID","error_message":"invalid key_id provided","display_message":null,"request_id":"x"}"""));
    });

    public string Sign(string body, DateTimeOffset issuedAt, string alg = "ES256", string? kid = null) =>
        Sign(Encoding.UTF8.GetBytes(body), issuedAt, alg, kid);

    public string Sign(byte[] body, DateTimeOffset issuedAt, string alg = "ES256", string? kid = null)
    {
        var header = Encode(JsonSerializer.SerializeToUtf8Bytes(new { alg, kid = kid ?? KeyId, typ = "JWT" }));
        var payload = Encode(JsonSerializer.SerializeToUtf8Bytes(new
        {
            iat = issuedAt.ToUnixTimeSeconds(),
            request_body_sha256 = Convert.ToHexStringLower(SHA256.HashData(body)),
        }));
        var signature = key.SignData(Encoding.ASCII.GetBytes(header + "." + payload), HashAlgorithmName.SHA256);
        return header + "." + payload + "." + Encode(signature);
    }

    public static string Encode(byte[] bytes) => Base64Url.EncodeToString(bytes);

    public void Dispose() => key.Dispose();

    private object Jwk()
    {
        var point = key.ExportParameters(includePrivateParameters: false).Q;
        return new
        {
            alg = "ES256",
            created_at = 1560466150,
            crv = "P-256",
            expired_at = ExpiredAt,
            kid = KeyId,
            kty = "EC",
            use = "sig",
            x = Encode(point.X!),
            y = Encode(point.Y!),
        };
    }
}
