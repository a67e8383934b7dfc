using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PaymentsPortal.Sandbox.Braintree;

/// <summary>The operations the portal's Braintree adapter sends; the simulator answers these and nothing else.</summary>
internal enum BraintreeSimulatedOperation
{
    ChargePaymentMethod,
    AuthorizePaymentMethod,
    CaptureTransaction,
    RefundTransaction,
    ReverseTransaction,
    SearchTransactions,
    SearchDisputes,
    SearchRefunds,
    CreateClientToken,
}

/// <summary>
/// A GraphQL request reduced to what the simulator needs: which operation (recognised by its top-level field name,
/// not by parsing GraphQL — this is a stand-in, not a GraphQL engine) and its <c>variables</c>. The selection set is
/// ignored: replies always carry every field the adapter asks for.
/// </summary>
internal sealed partial record BraintreeGraphQLRequest(BraintreeSimulatedOperation Operation, JsonElement Variables)
{
    public string FieldName => Operation switch
    {
        BraintreeSimulatedOperation.ChargePaymentMethod => "chargePaymentMethod",
        BraintreeSimulatedOperation.AuthorizePaymentMethod => "authorizePaymentMethod",
        BraintreeSimulatedOperation.CaptureTransaction => "captureTransaction",
        BraintreeSimulatedOperation.RefundTransaction => "refundTransaction",
        BraintreeSimulatedOperation.ReverseTransaction => "reverseTransaction",
        BraintreeSimulatedOperation.SearchTransactions => "search",
        BraintreeSimulatedOperation.SearchDisputes => "search",
        BraintreeSimulatedOperation.SearchRefunds => "search",
        BraintreeSimulatedOperation.CreateClientToken => "createClientToken",
    };

    public static bool TryParse(JsonElement body, out BraintreeGraphQLRequest? request, out string error)
    {
        request = null;
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("query", out var queryElement) || queryElement.ValueKind != JsonValueKind.String)
        {
            error = "The body must be a JSON object with a 'query' string.";
            return false;
        }

        var query = queryElement.GetString()!;
        var variables = body.TryGetProperty("variables", out var v) && v.ValueKind == JsonValueKind.Object ? v.Clone() : default;
        BraintreeSimulatedOperation? operation = MutationField().Match(query) is { Success: true } mutation
            ? Enum.Parse<BraintreeSimulatedOperation>(mutation.Groups[1].Value, ignoreCase: true)
            : SearchTransactionsField().IsMatch(query) ? BraintreeSimulatedOperation.SearchTransactions
            : SearchDisputesField().IsMatch(query) ? BraintreeSimulatedOperation.SearchDisputes
            : SearchRefundsField().IsMatch(query) ? BraintreeSimulatedOperation.SearchRefunds : null;
        if (operation is null)
        {
            error = "The Braintree simulator does not implement this operation.";
            return false;
        }

        request = new BraintreeGraphQLRequest(operation.Value, variables);
        error = "";
        return true;
    }

    /// <summary>A string (or a number, which Braintree also accepts for amounts) at a path under <c>variables</c>.</summary>
    public string? Text(params string[] path)
    {
        if (Variables.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var current = Variables;
        foreach (var name in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return null;
            }
        }

        return current.ValueKind switch
        {
            JsonValueKind.String => current.GetString(),
            JsonValueKind.Number => current.GetRawText(),
            _ => null,
        };
    }

    /// <summary>The strings of a list at a path under <c>variables</c> (a search's <c>in</c>); empty when there is none.</summary>
    public IReadOnlyList<string> Texts(params string[] path)
    {
        var current = Variables;
        foreach (var name in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return [];
            }
        }

        return current.ValueKind == JsonValueKind.Array
            ? current.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList()
            : [];
    }

    /// <summary>A timestamp or date at a path under <c>variables</c>, or null when absent or unreadable.</summary>
    public DateTimeOffset? Time(params string[] path) =>
        DateTimeOffset.TryParse(Text(path), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time) ? time : null;

    /// <summary>A date (yyyy-MM-dd, as Braintree's SearchDateInput takes) at a path under <c>variables</c>, or null when absent or unreadable.</summary>
    public DateOnly? Day(params string[] path) =>
        DateOnly.TryParseExact(Text(path), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    public int Integer(string name, int fallback) =>
        int.TryParse(Text(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

    [GeneratedRegex(@"\b(chargePaymentMethod|authorizePaymentMethod|captureTransaction|refundTransaction|reverseTransaction|createClientToken)\s*\(", RegexOptions.CultureInvariant)]
    private static partial Regex MutationField();

    [GeneratedRegex(@"\bsearch\s*\{\s*transactions\s*\(", RegexOptions.CultureInvariant)]
    private static partial Regex SearchTransactionsField();

    [GeneratedRegex(@"\bsearch\s*\{\s*disputes\s*\(", RegexOptions.CultureInvariant)]
    private static partial Regex SearchDisputesField();

    [GeneratedRegex(@"\bsearch\s*\{\s*refunds\s*\(", RegexOptions.CultureInvariant)]
    private static partial Regex SearchRefundsField();
}
