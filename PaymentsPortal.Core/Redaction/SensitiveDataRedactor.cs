using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PaymentsPortal.Core.Redaction;

/// <summary>
/// The one redactor for everything the portal writes down (audit details and logs): card numbers
/// keep their last four digits, secrets disappear. Pure and thread-safe.
/// </summary>
public static partial class SensitiveDataRedactor
{
    public const string Redacted = "[redacted]";

    // Names whose values are secret wherever they appear, as JSON keys or key=value pairs.
    private static readonly HashSet<string> SecretNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "password", "passwd", "pwd", "new_password", "current_password", "newpassword", "currentpassword",
        "secret", "client_secret", "clientsecret", "api_key", "apikey", "secret_key", "private_key", "privatekey",
        "access_token", "accesstoken", "refresh_token", "public_token", "webhook_secret", "signing_secret",
        "totp", "otp", "code_2fa", "two_factor_code", "authenticator_code", "recovery_code", "cvc", "cvv",
        "authorization", "cookie", "set-cookie", "card_number", "cardnumber", "pan",

        // Plaid's API secret travels in this header; unlike Stripe's keys it has no prefix to recognise it by.
        "plaid-secret",
    };

    public static string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }

        // Whole header lines first: their values may contain spaces (Bearer x, a=b; c=d).
        var result = SecretHeaderLine().Replace(text, m => m.Groups["header"].Value + Redacted);
        result = BearerOrBasic().Replace(result, m => m.Groups["scheme"].Value + " " + Redacted);
        result = KeyValueSecret().Replace(result, m => IsSecretName(m.Groups["name"].Value)
            ? m.Groups["prefix"].Value + QuoteLike(m.Groups["value"].Value)
            : m.Value);
        result = ApiKey().Replace(result, m => m.Groups["kind"].Value + Redacted);
        result = PlaidToken().Replace(result, m => m.Groups["kind"].Value + Redacted);
        return MaskCardNumbers(result);
    }

    /// <summary>Redacts a JSON document: secret-named properties lose their value, every string is redacted as text.</summary>
    public static string RedactJson(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (System.Text.Json.JsonException)
        {
            // Not JSON after all: redact it as text rather than write it unredacted.
            return Redact(json);
        }

        return RedactNode(root)?.ToJsonString() ?? "null";
    }

    private static JsonNode? RedactNode(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    obj[name] = IsSecretName(name) ? JsonValue.Create(Redacted) : RedactNode(obj[name]?.DeepClone());
                }

                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    array[i] = RedactNode(array[i]?.DeepClone());
                }

                return array;
            case JsonValue value when value.TryGetValue<string>(out var text):
                return JsonValue.Create(Redact(text));
            case JsonValue value when value.TryGetValue<decimal>(out var number) && number >= 0 && decimal.Truncate(number) == number:
                // A card number may arrive as a bare JSON number (up to 19 digits: beyond a long).
                var digits = number.ToString("0", System.Globalization.CultureInfo.InvariantCulture);
                return CardNumbers.IsCardNumber(digits) ? JsonValue.Create(CardNumbers.Mask(digits)) : value;
            default:
                return node;
        }
    }

    private static bool IsSecretName(string name) =>
        SecretNames.Contains(name) || name.EndsWith("password", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith("_secret", StringComparison.OrdinalIgnoreCase) || name.EndsWith("Secret", StringComparison.Ordinal);

    private static string QuoteLike(string value) => value.StartsWith('"') ? $"\"{Redacted}\"" : Redacted;

    private static string MaskCardNumbers(string text) =>
        CardCandidate().Replace(text, m =>
        {
            var digits = new StringBuilder(m.Length);
            foreach (var c in m.ValueSpan)
            {
                if (char.IsAsciiDigit(c))
                {
                    digits.Append(c);
                }
            }

            var run = digits.ToString();
            return CardNumbers.IsCardNumber(run) ? CardNumbers.Mask(run) : m.Value;
        });

    [GeneratedRegex(@"(?im)^(?<header>[ 	]*(?:authorization|proxy-authorization|cookie|set-cookie)[ 	]*:[ 	]*).*$", RegexOptions.CultureInvariant)]
    private static partial Regex SecretHeaderLine();

    // 13-19 digits, optionally grouped by single spaces or dashes, not part of a longer digit run.
    [GeneratedRegex(@"(?<![\d])\d(?:[ -]?\d){12,18}(?![\d])", RegexOptions.CultureInvariant)]
    private static partial Regex CardCandidate();

    // name=value, name: value, "name":"value" (the value up to a separator or the closing quote).
    [GeneratedRegex("""(?<prefix>"?(?<name>[A-Za-z][A-Za-z0-9_\-]{1,40})"?\s*[:=]\s*)(?<value>"(?:[^"\\]|\\.)*"|[^\s,&;}\]"']+)""", RegexOptions.CultureInvariant)]
    private static partial Regex KeyValueSecret();

    // Stripe secret and restricted keys, webhook signing secrets, Braintree/other "private" keys by prefix.
    [GeneratedRegex(@"\b(?<kind>(?:sk|rk)_(?:live|test)_|whsec_)[A-Za-z0-9]{6,}", RegexOptions.CultureInvariant)]
    private static partial Regex ApiKey();

    // Plaid access, public and link tokens: access-sandbox-<uuid>, public-production-<uuid>, link-…
    [GeneratedRegex(@"\b(?<kind>(?:access|public|link)-(?:sandbox|development|production)-)[0-9a-fA-F\-]{8,}", RegexOptions.CultureInvariant)]
    private static partial Regex PlaidToken();

    [GeneratedRegex(@"\b(?<scheme>Bearer|Basic)\s+[A-Za-z0-9._~+/\-]+=*", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex BearerOrBasic();
}
