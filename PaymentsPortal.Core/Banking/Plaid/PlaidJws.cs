using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;

namespace PaymentsPortal.Core.Banking.Plaid;

/// <summary>
/// The parts of a compact JWS (header.payload.signature) that Plaid webhook verification needs. Parsing decides
/// nothing about trust: it only refuses what is not a well-formed token with the fields Plaid sends.
/// </summary>
internal sealed record PlaidJws(string Algorithm, string KeyId, long IssuedAt, string BodySha256, byte[] SigningInput, byte[] Signature)
{
    // Plaid's tokens are a few hundred bytes; the limit keeps a hostile header from costing more than a glance.
    private const int MaxLength = 8 * 1024;

    public static bool TryParse(string? token, [NotNullWhen(true)] out PlaidJws? jws, [NotNullWhen(false)] out string? problem)
    {
        jws = null;
        if (string.IsNullOrWhiteSpace(token))
        {
            problem = "The Plaid-Verification header is missing.";
            return false;
        }

        if (token.Length > MaxLength)
        {
            problem = "The Plaid-Verification header is too long to be a Plaid token.";
            return false;
        }

        var parts = token.Trim().Split('.');
        if (parts.Length != 3 || parts.Any(p => p.Length == 0))
        {
            problem = "The Plaid-Verification header is not a compact JWS (header.payload.signature).";
            return false;
        }

        if (!TryDecode(parts[0], out var header) || !TryDecode(parts[1], out var payload) || !TryDecode(parts[2], out var signature))
        {
            problem = "A part of the token is not base64url.";
            return false;
        }

        if (!TryReadHeader(header, out var algorithm, out var keyId, out problem) || !TryReadPayload(payload, out var issuedAt, out var bodySha256, out problem))
        {
            return false;
        }

        jws = new PlaidJws(algorithm, keyId, issuedAt, bodySha256, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature);
        return true;
    }

    private static bool TryReadHeader(byte[] json, out string algorithm, out string keyId, [NotNullWhen(false)] out string? problem)
    {
        algorithm = keyId = "";
        if (!TryParseObject(json, out var header))
        {
            problem = "The token header is not a JSON object.";
            return false;
        }

        using (header)
        {
            var root = header.RootElement;

            // RFC 7515 4.1.11: a critical extension we do not understand means the token must not be accepted.
            if (root.TryGetProperty("crit", out _))
            {
                problem = "The token header has critical extensions, which Plaid does not use.";
                return false;
            }

            algorithm = String(root, "alg") ?? "";
            keyId = String(root, "kid") ?? "";
            problem = string.IsNullOrWhiteSpace(algorithm) ? "The token header has no alg."
                : string.IsNullOrWhiteSpace(keyId) ? "The token header has no kid."
                : null;
            return problem is null;
        }
    }

    private static bool TryReadPayload(byte[] json, out long issuedAt, out string bodySha256, [NotNullWhen(false)] out string? problem)
    {
        issuedAt = 0;
        bodySha256 = "";
        if (!TryParseObject(json, out var payload))
        {
            problem = "The token payload is not a JSON object.";
            return false;
        }

        using (payload)
        {
            var root = payload.RootElement;
            if (!root.TryGetProperty("iat", out var iat) || iat.ValueKind != JsonValueKind.Number || !iat.TryGetInt64(out issuedAt))
            {
                problem = "The token payload has no whole-second iat.";
                return false;
            }

            bodySha256 = String(root, "request_body_sha256") ?? "";
            problem = bodySha256.Length == 0 ? "The token payload has no request_body_sha256." : null;
            return problem is null;
        }
    }

    /// <summary>A header value fit for a log line: the token is the sender's to write, so it is cut short and control characters go.</summary>
    public static string Printable(string value)
    {
        var shown = value.Length > 40 ? value[..40] + "…" : value;
        return string.Concat(shown.Select(c => char.IsControl(c) ? '?' : c));
    }

    private static bool TryParseObject(byte[] json, [NotNullWhen(true)] out JsonDocument? document)
    {
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 8 });
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return true;
            }

            document.Dispose();
        }
        catch (JsonException)
        {
        }

        document = null;
        return false;
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool TryDecode(string part, out byte[] bytes)
    {
        try
        {
            bytes = Base64Url.DecodeFromChars(part);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }
}
