using System.Text.Json;

namespace PaymentsPortal.Tests.Contract.Plaid;

/// <summary>A schema with its $ref followed and its allOf parts merged: what a JSON value at that place may hold.</summary>
internal sealed record PlaidSchema(
    string? Type,
    string? Format,
    bool Nullable,
    IReadOnlyDictionary<string, JsonElement> Properties,
    IReadOnlySet<string> Required,
    JsonElement? Items,
    IReadOnlyList<JsonElement>? Enum);

/// <summary>
/// plaid-openapi-subset.json, the part of Plaid's OpenAPI definition the client is held to. It is read from the source
/// tree (found by walking up from the test binaries), so the file stays a plain copy that anyone can diff against the
/// published definition.
/// </summary>
internal static class PlaidOpenApiSubset
{
    public const string RelativePath = "PaymentsPortal.Tests/Contract/Plaid/plaid-openapi-subset.json";

    private static readonly Lazy<JsonDocument> Document = new(Load);

    public static JsonElement Root => Document.Value.RootElement;

    public static JsonElement? Operation(string path) =>
        Root.GetProperty("paths").TryGetProperty(path, out var item) && item.TryGetProperty("post", out var post) ? post : null;

    public static JsonElement RequestSchema(string path) =>
        Operation(path)!.Value.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");

    public static JsonElement ResponseSchema(string path) => Json200(path).GetProperty("schema");

    /// <summary>Plaid's own example reply for the path.</summary>
    public static string Example(string path) =>
        Json200(path).GetProperty("examples").EnumerateObject().First().Value.GetProperty("value").GetRawText();

    public static PlaidSchema Resolve(JsonElement schema)
    {
        string? type = null, format = null;
        var nullable = false;
        var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var required = new HashSet<string>(StringComparer.Ordinal);
        JsonElement? items = null;
        IReadOnlyList<JsonElement>? values = null;
        Merge(schema);
        return new PlaidSchema(type, format, nullable, properties, required, items, values);

        void Merge(JsonElement part)
        {
            if (part.TryGetProperty("$ref", out var reference))
            {
                Merge(Component(reference.GetString()!));
            }

            foreach (var inner in Array(part, "allOf"))
            {
                Merge(inner);
            }

            type ??= String(part, "type");
            format ??= String(part, "format");
            nullable |= part.TryGetProperty("nullable", out var n) && n.ValueKind == JsonValueKind.True;
            foreach (var property in part.TryGetProperty("properties", out var p) ? p.EnumerateObject().ToList() : [])
            {
                properties.TryAdd(property.Name, property.Value);
            }

            foreach (var name in Array(part, "required"))
            {
                required.Add(name.GetString()!);
            }

            items ??= part.TryGetProperty("items", out var i) ? i : null;
            values ??= part.TryGetProperty("enum", out _) ? Array(part, "enum") : null;
        }
    }

    private static JsonElement Json200(string path) =>
        Operation(path)!.Value.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json");

    private static JsonElement Component(string reference)
    {
        const string prefix = "#/components/schemas/";
        Assert.StartsWith(prefix, reference, StringComparison.Ordinal);
        Assert.True(Root.GetProperty("components").GetProperty("schemas").TryGetProperty(reference[prefix.Length..], out var schema),
            $"The subset lacks {reference}: regenerate it with every referenced schema.");
        return schema;
    }

    private static List<JsonElement> Array(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? [.. value.EnumerateArray()] : [];

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static JsonDocument Load()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, RelativePath);
            if (File.Exists(candidate))
            {
                return JsonDocument.Parse(File.ReadAllBytes(candidate));
            }
        }

        throw new FileNotFoundException($"{RelativePath} was not found above {AppContext.BaseDirectory}; the contract tests run from a checkout.");
    }
}
