using System.Globalization;
using System.Text;
using Microsoft.Extensions.Primitives;

namespace PaymentsPortal.Sandbox.Stripe;

/// <summary>
/// A request's parameters as Stripe reads them: form-encoded (or the query string for GET), with nested objects
/// flattened into keys such as <c>metadata[attempt_id]</c> and arrays as <c>expand[0]</c> or <c>expand[]</c>.
/// </summary>
internal sealed class StripeParameters
{
    private readonly SortedDictionary<string, string> values;

    private StripeParameters(IEnumerable<KeyValuePair<string, StringValues>> source)
    {
        values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in source)
        {
            // A repeated "expand[]" keeps every value; Stripe.net itself sends indexed keys.
            if (key.EndsWith("[]", StringComparison.Ordinal))
            {
                var index = 0;
                foreach (var item in value)
                {
                    values[string.Create(CultureInfo.InvariantCulture, $"{key[..^2]}[{index++}]")] = item ?? "";
                }
            }
            else
            {
                values[key] = value.ToString();
            }
        }
    }

    public static async Task<StripeParameters> ReadAsync(HttpRequest request)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
            return new StripeParameters(form);
        }

        return new StripeParameters(request.Query);
    }

    public string? this[string key] => values.GetValueOrDefault(key);

    /// <summary>The <c>metadata[…]</c> entries, keyed without the wrapper.</summary>
    public IReadOnlyDictionary<string, string> Metadata => Nested("metadata");

    /// <summary>What to expand: the values of <c>expand[n]</c>, as paths such as "payment_method" or "data.latest_charge".</summary>
    public IReadOnlySet<string> Expand =>
        values.Where(pair => pair.Key.StartsWith("expand[", StringComparison.Ordinal)).Select(pair => pair.Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>Stripe compares a repeated idempotent request's parameters with the first one's: this is what is compared.</summary>
    public string Fingerprint(string method, string path)
    {
        var text = new StringBuilder(method).Append(' ').Append(path);
        foreach (var (key, value) in values)
        {
            text.Append('\n').Append(key).Append('=').Append(value);
        }

        return text.ToString();
    }

    public IReadOnlyDictionary<string, string> Nested(string name)
    {
        var prefix = name + "[";
        return values.Where(pair => pair.Key.StartsWith(prefix, StringComparison.Ordinal) && pair.Key.EndsWith(']'))
            .ToDictionary(pair => pair.Key[prefix.Length..^1], pair => pair.Value, StringComparer.Ordinal);
    }

    /// <summary>The values of an array parameter (<c>types[0]</c>, <c>types[1]</c>, … or repeated <c>types[]</c>), in index order.</summary>
    public IReadOnlyList<string> Array(string name) =>
        Nested(name)
            .Select(pair => (Index: int.TryParse(pair.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : -1, pair.Value))
            .Where(item => item.Index >= 0)
            .OrderBy(item => item.Index)
            .Select(item => item.Value)
            .ToList();

    /// <summary>Reads an optional integer; a present value that is not one is Stripe's parameter_invalid_integer.</summary>
    public bool TryGetInteger(string key, out long? value, out StripeReply? error)
    {
        value = null;
        error = null;
        if (this[key] is not { } text)
        {
            return true;
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
        {
            value = parsed;
            return true;
        }

        error = StripeReply.Invalid("parameter_invalid_integer", $"Invalid integer: {text}", key);
        return false;
    }

    public bool IsTrue(string key) => string.Equals(this[key], "true", StringComparison.Ordinal);
}
