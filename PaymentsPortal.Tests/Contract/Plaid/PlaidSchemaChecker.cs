using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using PaymentsPortal.Core.Banking.Plaid;

namespace PaymentsPortal.Tests.Contract.Plaid;

/// <summary>
/// Compares what our code writes and reads with Plaid's schemas. Requests are checked as the JSON we actually send;
/// responses as the shape System.Text.Json reads into our types with the client's own options (names after the
/// snake_case policy, types, what we require and what we cannot take as null). Each problem is one line.
/// </summary>
internal static class PlaidSchemaChecker
{
    public static List<string> CheckRequestBody(JsonElement body, JsonElement schema)
    {
        var problems = new List<string>();
        CheckValue(body, schema, "$", problems);
        return problems;
    }

    public static List<string> CheckResponseType(Type type, JsonElement schema)
    {
        var problems = new List<string>();
        CheckType(type, schema, "$", problems);
        return problems;
    }

    /// <summary>Every property of <paramref name="type"/> that the JSON lacks: a sample that leaves one out proves nothing about it.</summary>
    public static List<string> MissingFromSample(Type type, JsonElement json)
    {
        var missing = new List<string>();
        Walk(type, json, "$");
        return missing;

        void Walk(Type current, JsonElement value, string at)
        {
            var info = PlaidJson.Options.GetTypeInfo(current);
            if (info.Kind == JsonTypeInfoKind.Object && value.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in info.Properties)
                {
                    if (value.TryGetProperty(property.Name, out var inner))
                    {
                        Walk(property.PropertyType, inner, at + "." + property.Name);
                    }
                    else
                    {
                        missing.Add(at + "." + property.Name);
                    }
                }
            }
            else if (info.Kind == JsonTypeInfoKind.Enumerable && value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0)
            {
                Walk(info.ElementType!, value[0], at + "[0]");
            }
        }
    }

    private static void CheckValue(JsonElement value, JsonElement schema, string at, List<string> problems)
    {
        var expected = PlaidOpenApiSubset.Resolve(schema);
        if (value.ValueKind == JsonValueKind.Null)
        {
            if (!expected.Nullable)
            {
                problems.Add($"{at}: we write null, Plaid's schema is not nullable");
            }

            return;
        }

        var written = value.ValueKind switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.Number => value.TryGetInt64(out _) ? "integer" : "number",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Array => "array",
            JsonValueKind.Object => "object",
            _ => value.ValueKind.ToString(),
        };
        if (expected.Type is { } type && type != written && !(type == "number" && written == "integer"))
        {
            problems.Add($"{at}: we write {written}, Plaid's schema says {type}");
        }

        if (expected.Enum is { } allowed && !allowed.Any(a => a.ValueKind == value.ValueKind && a.GetRawText() == value.GetRawText()))
        {
            problems.Add($"{at}: {value.GetRawText()} is not one of Plaid's values");
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in value.EnumerateObject())
            {
                if (expected.Properties.TryGetValue(property.Name, out var inner))
                {
                    CheckValue(property.Value, inner, at + "." + property.Name, problems);
                }
                else
                {
                    problems.Add($"{at}.{property.Name}: we write it, Plaid's schema has no such property");
                }
            }

            problems.AddRange(expected.Required.Where(r => !value.TryGetProperty(r, out _) && r is not ("client_id" or "secret"))
                .Select(r => $"{at}.{r}: required by Plaid, we do not write it"));
        }
        else if (value.ValueKind == JsonValueKind.Array && expected.Items is { } items)
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                CheckValue(item, items, $"{at}[{index++}]", problems);
            }
        }
    }

    private static void CheckType(Type type, JsonElement schema, string at, List<string> problems)
    {
        var expected = PlaidOpenApiSubset.Resolve(schema);
        var info = PlaidJson.Options.GetTypeInfo(type);
        var (ours, format) = JsonTypeOf(type, info);
        if (expected.Type is { } theirs && theirs != ours)
        {
            problems.Add($"{at}: we read {ours} ({type.Name}), Plaid's schema says {theirs}");
        }

        if (format is not null && expected.Format != format)
        {
            problems.Add($"{at}: we read a {format} ({type.Name}), Plaid's format is {expected.Format ?? "none"}");
        }

        if (info.Kind == JsonTypeInfoKind.Enumerable && expected.Items is { } items)
        {
            CheckType(info.ElementType!, items, at + "[]", problems);
        }

        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in info.Properties.Where(p => p.Set is not null || p.AssociatedParameter is not null))
        {
            var name = at + "." + property.Name;
            if (!expected.Properties.TryGetValue(property.Name, out var inner))
            {
                problems.Add($"{name}: we read it, Plaid's schema has no such property");
                continue;
            }

            if ((property.IsRequired || property.AssociatedParameter is { HasDefaultValue: false }) && !expected.Required.Contains(property.Name))
            {
                problems.Add($"{name}: we require it, Plaid's schema does not");
            }

            if (!property.IsSetNullable && PlaidOpenApiSubset.Resolve(inner).Nullable)
            {
                problems.Add($"{name}: we cannot take null, Plaid's schema is nullable");
            }

            CheckType(property.PropertyType, inner, name, problems);
        }
    }

    private static (string Type, string? Format) JsonTypeOf(Type type, JsonTypeInfo info)
    {
        var plain = Nullable.GetUnderlyingType(type) ?? type;
        return plain switch
        {
            _ when plain == typeof(string) || plain == typeof(PlaidAccessToken) || plain == typeof(PlaidPublicToken)
                || plain == typeof(PlaidMaskedAccountNumber) => ("string", null),
            _ when plain == typeof(DateOnly) => ("string", "date"),
            _ when plain == typeof(DateTimeOffset) => ("string", "date-time"),
            _ when plain == typeof(decimal) || plain == typeof(double) => ("number", null),
            _ when plain == typeof(int) || plain == typeof(long) => ("integer", null),
            _ when plain == typeof(bool) => ("boolean", null),
            _ when info.Kind == JsonTypeInfoKind.Enumerable => ("array", null),
            _ when info.Kind == JsonTypeInfoKind.Object => ("object", null),
            _ => throw new InvalidOperationException($"No JSON type is mapped for {type}: add it to the contract checker."),
        };
    }
}
