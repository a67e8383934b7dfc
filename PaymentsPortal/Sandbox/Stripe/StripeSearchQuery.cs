using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace PaymentsPortal.Sandbox.Stripe;

/// <summary>
/// The subset of Stripe's search query language the simulator understands: clauses joined by AND, each an exact
/// match on <c>metadata['key']</c>, <c>status</c> or <c>currency</c>, with single or double quotes.
/// </summary>
internal sealed partial class StripeSearchQuery
{
    private readonly List<(string Field, string? Key, string Value)> clauses;

    private StripeSearchQuery(List<(string Field, string? Key, string Value)> clauses) => this.clauses = clauses;

    public static bool TryParse(string? text, [NotNullWhen(true)] out StripeSearchQuery? query, out string problem)
    {
        query = null;
        problem = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = "Missing required param: query.";
            return false;
        }

        var clauses = new List<(string, string?, string)>();
        foreach (var part in text.Split(" AND ", StringSplitOptions.TrimEntries))
        {
            var match = Clause().Match(part);
            if (!match.Success || match.Groups["field"].Value is not ("metadata" or "status" or "currency")
                || (match.Groups["field"].Value == "metadata") != match.Groups["key"].Success)
            {
                problem = $"The simulator does not understand the search clause '{part}'.";
                return false;
            }

            clauses.Add((match.Groups["field"].Value, match.Groups["key"].Success ? match.Groups["key"].Value : null, match.Groups["value"].Value));
        }

        query = new StripeSearchQuery(clauses);
        return true;
    }

    public bool Matches(SimulatedIntent intent) =>
        clauses.All(clause => clause.Field switch
        {
            "metadata" => intent.Metadata.TryGetValue(clause.Key!, out var value) && value == clause.Value,
            "status" => intent.Status == clause.Value,
            _ => string.Equals(intent.Currency, clause.Value, StringComparison.OrdinalIgnoreCase),
        });

    [GeneratedRegex("""^(?<field>[a-z_]+)(\[(?<q1>['"])(?<key>[^'"\]]+)\k<q1>\])?:(?<q2>['"])(?<value>[^'"]*)\k<q2>$""", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Clause();
}
