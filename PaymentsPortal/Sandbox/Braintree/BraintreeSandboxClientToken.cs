using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PaymentsPortal.Sandbox.Braintree;

/// <summary>
/// The client tokens the simulator issues: base64 JSON like Braintree's own (an authorization fingerprint and the merchant
/// account), marked as the Sandbox's so that the braintree-web stand-in can refuse anything else. They open nothing.
/// </summary>
public static class BraintreeSandboxClientToken
{
    /// <summary>The environment the stand-in looks for; Braintree's real tokens say "sandbox" or "production".</summary>
    public const string Environment = "portal-sandbox";

    public static string Create(string merchantAccountId)
    {
        var body = new JsonObject
        {
            ["version"] = 2,
            ["environment"] = Environment,
            ["authorizationFingerprint"] = "sandbox_" + RandomNumberGenerator.GetHexString(32, lowercase: true),
            ["merchantAccountId"] = merchantAccountId,
        };
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(body.ToJsonString()));
    }

    /// <summary>The merchant account a token was issued for, or null when it is not one of the simulator's tokens.</summary>
    public static string? MerchantAccountOf(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            var body = JsonNode.Parse(Convert.FromBase64String(token));
            return body?["environment"]?.GetValue<string>() == Environment ? body["merchantAccountId"]?.GetValue<string>() : null;
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
