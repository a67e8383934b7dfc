using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace PaymentsPortal.Benchmarks.Payments;

/// <summary>
/// A short name for a command's SQL, so that the breakdown can say which statements a payment sends: each statement's
/// verb and the tables it names, for example "INSERT payments + INSERT payment_events" for one of EF's batches.
/// </summary>
internal static partial class SqlLabels
{
    private const int MaxLength = 90;

    // Thousands of payments send the same few texts; naming each text once keeps the breakdown cheap.
    private static readonly ConcurrentDictionary<string, string> Known = new(StringComparer.Ordinal);

    public static string Of(string sql) => Known.GetOrAdd(sql, Describe);

    /// <summary>Whether the SQL changes rows (its label names an INSERT, UPDATE or DELETE, also behind a WITH).</summary>
    public static bool IsWrite(string sql) =>
        Of(sql).Split(" + ").Any(s => s.StartsWith("INSERT", StringComparison.Ordinal) || s.StartsWith("UPDATE", StringComparison.Ordinal) ||
            s.StartsWith("DELETE", StringComparison.Ordinal)) || WriteInCte().IsMatch(sql);

    private static string Describe(string sql)
    {
        var statements = sql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(Statement).Where(s => s.Length > 0).ToList();
        var label = string.Join(" + ", statements);
        return label.Length <= MaxLength ? label : label[..(MaxLength - 1)] + "…";
    }

    private static string Statement(string sql)
    {
        var verb = Verb().Match(sql) is { Success: true } v ? v.Value.ToUpperInvariant() : "";
        if (verb.Length == 0)
        {
            return "";
        }

        // Names after FROM/INTO/UPDATE/JOIN, minus the CTEs the statement defines itself ("WITH moved AS (…)").
        var ctes = Cte().Matches(sql).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var tables = Table().Matches(sql).Select(m => m.Groups[1].Value).Where(t => !ctes.Contains(t)).Distinct(StringComparer.OrdinalIgnoreCase);
        return (verb + " " + string.Join(", ", tables)).Trim();
    }

    [GeneratedRegex(@"^\s*(SELECT|INSERT|UPDATE|DELETE|WITH|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|SET|SHOW)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Verb();

    [GeneratedRegex(@"^\s*WITH\b.*\b(INSERT|UPDATE|DELETE)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex WriteInCte();

    [GeneratedRegex(@"\b(?:FROM|INTO|UPDATE|JOIN)\s+""?([A-Za-z_][A-Za-z0-9_.]*)""?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Table();

    [GeneratedRegex(@"(?:WITH|,)\s*([A-Za-z_][A-Za-z0-9_]*)\s+AS\s*\(", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Cte();
}
