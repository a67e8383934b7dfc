namespace PaymentsPortal.Core.Persistence;

/// <summary>
/// Turns what a user typed into a LIKE/ILIKE pattern that matches it literally: %, _ and the escape character lose their
/// meaning, so a search for "100%" does not match everything. Pass <see cref="Escape"/> as the pattern's escape character.
/// </summary>
public static class LikePattern
{
    public const string Escape = "\\";

    /// <summary>The text itself, for an exact (case-insensitive with ILIKE) match.</summary>
    public static string Literal(string text) =>
        text.Replace(Escape, Escape + Escape, StringComparison.Ordinal)
            .Replace("%", Escape + "%", StringComparison.Ordinal)
            .Replace("_", Escape + "_", StringComparison.Ordinal);

    /// <summary>Any value that contains the text.</summary>
    public static string Containing(string text) => "%" + Literal(text) + "%";
}
