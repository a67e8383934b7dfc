using System.Globalization;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Payments.Search;

namespace PaymentsPortal.Components.Pages.Payments;

/// <summary>
/// The payments list's URL query as written: every filter, the order, the page size and the cursor, so that a view can be
/// shared and reloaded. Amounts stay as typed ("12.50") and are read with the currency's decimals. The filter bar writes
/// one of these too, so a search typed on the page and a link pasted from elsewhere are read by the same code.
/// </summary>
public sealed record PaymentListQuery
{
    public const int DefaultSize = 25;

    public static IReadOnlyList<int> Sizes { get; } = [10, 25, 50, 100];

    public static PaymentListQuery None { get; } = new();

    public IReadOnlyList<string> Statuses { get; init; } = [];

    /// <summary>First UTC day, yyyy-MM-dd.</summary>
    public string? From { get; init; }

    /// <summary>Last UTC day, included, yyyy-MM-dd.</summary>
    public string? To { get; init; }

    public string? MinAmount { get; init; }

    public string? MaxAmount { get; init; }

    public string? CurrencyCode { get; init; }

    public string? Gateway { get; init; }

    public string? CardLast4 { get; init; }

    public string? Email { get; init; }

    public string? Text { get; init; }

    public string? Sort { get; init; }

    public string? Size { get; init; }

    public string? After { get; init; }

    public string? Before { get; init; }

    // By value, statuses included: the page reads the list again only when the query really changed.
    public bool Equals(PaymentListQuery? other) =>
        other is not null && Statuses.SequenceEqual(other.Statuses, StringComparer.Ordinal)
        && (From, To, MinAmount, MaxAmount, CurrencyCode, Gateway, CardLast4, Email, Text, Sort, Size, After, Before)
        == (other.From, other.To, other.MinAmount, other.MaxAmount, other.CurrencyCode, other.Gateway, other.CardLast4, other.Email, other.Text,
            other.Sort, other.Size, other.After, other.Before);

    public override int GetHashCode() => HashCode.Combine(Statuses.Count, From, To, MinAmount, MaxAmount, Text, After, Before);

    /// <summary>Every parameter of the list (null removes it), for <c>NavigationManager.GetUriWithQueryParameters</c>.</summary>
    public Dictionary<string, object?> ToParameters() => new()
    {
        ["status"] = Statuses.Count > 0 ? Statuses.ToArray() : null,
        ["from"] = Blank(From),
        ["to"] = Blank(To),
        ["min"] = Blank(MinAmount),
        ["max"] = Blank(MaxAmount),
        ["currency"] = Blank(CurrencyCode),
        ["gateway"] = Blank(Gateway),
        ["card"] = Blank(CardLast4),
        ["email"] = Blank(Email),
        ["q"] = Blank(Text),
        ["sort"] = Blank(Sort),
        ["size"] = Blank(Size),
        ["after"] = Blank(After),
        ["before"] = Blank(Before),
    };

    /// <summary>The same filters, order and size on their first page.</summary>
    public PaymentListQuery FirstPage() => this with { After = null, Before = null };

    /// <summary>The same view with only the criteria of the filter bar replaced (order and size are kept, paging restarts).</summary>
    public PaymentListQuery WithFilterOf(PaymentListQuery filter) =>
        filter with { Sort = Sort, Size = Size, After = null, Before = null };

    /// <summary>What the query asks for, with a sentence for each value that cannot be read; nothing is guessed.</summary>
    public PaymentListCriteria Read()
    {
        var problems = new List<string>();
        var statuses = new List<PaymentStatus>();
        foreach (var status in Statuses.Where(s => !string.IsNullOrWhiteSpace(s)))
        {
            if (ParseEnum<PaymentStatus>(status) is { } parsed)
            {
                statuses.Add(parsed);
            }
            else
            {
                problems.Add($"Status: '{status}' is not a payment status.");
            }
        }

        var from = Day(From, "From date", problems);
        var to = Day(To, "To date", problems);
        if (from > to)
        {
            problems.Add("The 'from' date is after the 'to' date.");
        }

        Currency? currency = null;
        if (Blank(CurrencyCode) is { } code && !Currency.TryFrom(code, out currency))
        {
            problems.Add($"Currency: '{code}' is not a supported ISO 4217 code.");
        }

        var min = Amount(MinAmount, currency, "Minimum amount", problems);
        var max = Amount(MaxAmount, currency, "Maximum amount", problems);
        if (Blank(CurrencyCode) is null && (Blank(MinAmount) ?? Blank(MaxAmount)) is not null)
        {
            problems.Add("Choose a currency to filter by amount: how many decimals an amount has depends on its currency.");
        }

        if (min > max)
        {
            problems.Add("The minimum amount is more than the maximum amount.");
        }

        GatewayKind? gateway = null;
        if (Blank(Gateway) is { } gatewayName && (gateway = ParseEnum<GatewayKind>(gatewayName)) is null)
        {
            problems.Add($"Gateway: '{gatewayName}' is not a gateway.");
        }

        var card = Blank(CardLast4);
        if (card is not null && (card.Length != 4 || !card.All(char.IsAsciiDigit)))
        {
            problems.Add("Card: enter the last four digits of the card number.");
        }

        var sort = SortOf(Sort, problems);
        var size = SizeOf(Size, problems);
        var (after, before) = Cursors(sort, problems);
        var filter = new PaymentFilter(
            statuses.Count > 0 ? statuses : null, from, to?.AddDays(1), min, max, currency?.Code, gateway, card, Blank(Email), Blank(Text));
        return new PaymentListCriteria(filter, sort, size, after, before, problems);
    }

    /// <summary>The URL word for an order; the default order has none, so the plain /payments link is the default view.</summary>
    public static string? NameOf(PaymentSort sort) => sort switch
    {
        PaymentSort.NewestFirst => null,
        PaymentSort.OldestFirst => "oldest",
        PaymentSort.LargestFirst => "largest",
        PaymentSort.SmallestFirst => "smallest",
        _ => throw new ArgumentOutOfRangeException(nameof(sort), sort, null),
    };

    private static PaymentSort SortOf(string? value, List<string> problems) => Blank(value)?.ToUpperInvariant() switch
    {
        null or "NEWEST" => PaymentSort.NewestFirst,
        "OLDEST" => PaymentSort.OldestFirst,
        "LARGEST" => PaymentSort.LargestFirst,
        "SMALLEST" => PaymentSort.SmallestFirst,
        _ => Problem(problems, $"Order: '{value}' is not one of newest, oldest, largest, smallest.", PaymentSort.NewestFirst),
    };

    private static int SizeOf(string? value, List<string> problems) =>
        Blank(value) is not { } text ? DefaultSize
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && Sizes.Contains(size) ? size
        : Problem(problems, $"Rows per page: '{text}' is not one of {string.Join(", ", Sizes)}.", DefaultSize);

    private (PaymentCursor? After, PaymentCursor? Before) Cursors(PaymentSort sort, List<string> problems)
    {
        var (after, before) = (Blank(After), Blank(Before));
        if (after is not null && before is not null)
        {
            problems.Add("The page link names both a next and a previous page; open the first page instead.");
            return (null, null);
        }

        if ((after ?? before) is not { } text)
        {
            return (null, null);
        }

        if (!PaymentCursor.TryParse(text, sort, out var cursor))
        {
            problems.Add("The page link is damaged or belongs to another order; open the first page instead.");
            return (null, null);
        }

        return after is not null ? (cursor, null) : (null, cursor);
    }

    private static DateTimeOffset? Day(string? value, string field, List<string> problems)
    {
        if (Blank(value) is not { } text)
        {
            return null;
        }

        if (DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var day))
        {
            return new DateTimeOffset(day, TimeSpan.Zero);
        }

        problems.Add($"{field}: '{text}' is not a date written as yyyy-MM-dd.");
        return null;
    }

    // Null without a message when the currency is missing or unknown: that problem is reported once, on its own.
    private static long? Amount(string? value, Currency? currency, string field, List<string> problems)
    {
        if (Blank(value) is not { } text || currency is null)
        {
            return null;
        }

        if (Money.TryParse(text, currency, out var money, out var error))
        {
            return money.MinorUnits;
        }

        problems.Add($"{field}: {error}");
        return null;
    }

    // Names only: Enum.TryParse would also take "5" or "Succeeded,Failed", which no link of ours contains.
    private static T? ParseEnum<T>(string value)
        where T : struct, Enum =>
        Enum.GetValues<T>().Select(v => (T?)v).FirstOrDefault(v => string.Equals(v.ToString(), value.Trim(), StringComparison.OrdinalIgnoreCase));

    private static T Problem<T>(List<string> problems, string problem, T fallback)
    {
        problems.Add(problem);
        return fallback;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>What a <see cref="PaymentListQuery"/> asks for. With <see cref="Problems"/> the list is not read at all.</summary>
public sealed record PaymentListCriteria(
    PaymentFilter Filter, PaymentSort Sort, int Size, PaymentCursor? After, PaymentCursor? Before, IReadOnlyList<string> Problems)
{
    public bool IsFiltered => Filter.Statuses is not null || Filter with { Statuses = null } != PaymentFilter.None;
}
