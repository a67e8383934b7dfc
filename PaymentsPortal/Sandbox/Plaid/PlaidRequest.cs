using System.Text.Json;

namespace PaymentsPortal.Sandbox.Plaid;

/// <summary>
/// One request's JSON body, with the reads the handlers need. Plaid takes client_id and secret either in the body or in the
/// PLAID-CLIENT-ID and PLAID-SECRET headers; both are accepted here, the body winning when both are present.
/// </summary>
internal sealed class PlaidRequest
{
    private PlaidRequest(JsonElement body, string? clientId, string? secret)
    {
        Body = body;
        ClientId = clientId;
        Secret = secret;
    }

    public JsonElement Body { get; }

    public string? ClientId { get; }

    public string? Secret { get; }

    /// <summary>Reads the body; null (and <paramref name="error"/>) when it is not a JSON object, has unknown or missing fields.</summary>
    public static async Task<(PlaidRequest? Request, PlaidApiError? Error)> ReadAsync(HttpContext context, PlaidEndpoint endpoint)
    {
        if (context.Request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, PlaidApiError.InvalidBody());
        }

        JsonElement body;
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
            body = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return (null, PlaidApiError.InvalidBody());
        }

        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, PlaidApiError.InvalidBody());
        }

        var names = body.EnumerateObject().Select(p => p.Name).ToList();
        var unknown = names.Where(n => !endpoint.Fields.Contains(n)).ToList();
        if (unknown.Count > 0)
        {
            return (null, PlaidApiError.UnknownFields(unknown));
        }

        var request = new PlaidRequest(body,
            Text(body, "client_id") ?? Header(context, "PLAID-CLIENT-ID"),
            Text(body, "secret") ?? Header(context, "PLAID-SECRET"));
        var missing = endpoint.Required.Where(f => !body.TryGetProperty(f, out var value) || value.ValueKind == JsonValueKind.Null).ToList();
        if (request.ClientId is null)
        {
            missing.Insert(0, "client_id");
        }

        if (request.Secret is null)
        {
            missing.Insert(request.ClientId is null ? 1 : 0, "secret");
        }

        return missing.Count > 0 ? (null, PlaidApiError.MissingFields(missing)) : (request, null);
    }

    public string? Text(string name) => Text(Body, name);

    public string? Text(string parent, string name) =>
        Body.TryGetProperty(parent, out var inner) && inner.ValueKind == JsonValueKind.Object ? Text(inner, name) : null;

    public int? Integer(string name) =>
        Body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;

    public bool Has(string name) => Body.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    /// <summary>A string array at body.name or body.parent.name; null when absent, and when any element is not a string.</summary>
    public IReadOnlyList<string>? Texts(string name, string? parent = null)
    {
        var scope = Body;
        if (parent is not null && (!Body.TryGetProperty(parent, out scope) || scope.ValueKind != JsonValueKind.Object))
        {
            return null;
        }

        if (!scope.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array
            || array.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            return null;
        }

        return [.. array.EnumerateArray().Select(e => e.GetString()!)];
    }

    public JsonElement? Element(string name) => Body.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static string? Text(JsonElement scope, string name) =>
        scope.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? Header(HttpContext context, string name) =>
        context.Request.Headers.TryGetValue(name, out var values) && values.Count > 0 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;
}
