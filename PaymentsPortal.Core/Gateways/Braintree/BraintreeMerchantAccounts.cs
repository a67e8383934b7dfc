using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Core.Gateways.Braintree;

/// <summary>
/// Which Braintree merchant account settles which currency. Braintree takes a transaction's currency from the merchant
/// account, not from the request: 15000 sent for a yen payment to a dollar account is charged as 15,000 dollars. So a
/// merchant lists its accounts per currency ("USD=acme_usd, EUR=acme_eur"), and a payment in a currency that is not
/// listed is never sent to Braintree; the router skips it as <c>currency_not_supported</c>.
/// </summary>
/// <remarks>
/// Two older forms stay valid: nothing (Braintree's default account) and one bare account id (that account for every
/// currency). Neither says which currency the account settles, so the adapter's check of the amount Braintree echoes is
/// then the only guard; the settings page recommends the per-currency form.
/// </remarks>
public sealed class BraintreeMerchantAccounts
{
    private readonly Dictionary<string, string> byCurrency;
    private readonly string? single;

    private BraintreeMerchantAccounts(Dictionary<string, string> byCurrency, string? single)
    {
        this.byCurrency = byCurrency;
        this.single = single;
    }

    public static BraintreeMerchantAccounts Default { get; } = new([], null);

    /// <summary>Whether accounts are listed per currency (only those currencies are charged).</summary>
    public bool IsPerCurrency => byCurrency.Count > 0;

    /// <summary>Whether a payment in <paramref name="currency"/> can be sent; false only for an unlisted currency.</summary>
    public bool Settles(Currency currency) => !IsPerCurrency || byCurrency.ContainsKey(currency.Code);

    /// <summary>The account to send with a charge in <paramref name="currency"/>: null means Braintree's default account.</summary>
    public string? For(Currency currency) => IsPerCurrency ? byCurrency.GetValueOrDefault(currency.Code) : single;

    public static BraintreeMerchantAccounts Parse(string? text) =>
        TryParse(text, out var accounts, out var problem) ? accounts : throw new FormatException(problem);

    /// <summary>Reads the setting; on failure <paramref name="problem"/> says what is wrong, naming the bad part.</summary>
    public static bool TryParse(string? text, out BraintreeMerchantAccounts accounts, out string? problem)
    {
        accounts = Default;
        problem = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (!text.Contains('=', StringComparison.Ordinal))
        {
            var id = text.Trim();
            problem = IdProblem(id);
            accounts = problem is null ? new BraintreeMerchantAccounts([], id) : Default;
            return problem is null;
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.Split('=', StringSplitOptions.TrimEntries) is not [var code, var id])
            {
                problem = $"\"{part}\" is not CURRENCY=account (for example USD=acme_usd).";
                return false;
            }

            if (!Currency.TryFrom(code.ToUpperInvariant(), out var currency))
            {
                problem = $"\"{code}\" is not an ISO 4217 currency code.";
                return false;
            }

            if (IdProblem(id) is { } bad)
            {
                problem = bad;
                return false;
            }

            if (!map.TryAdd(currency.Code, id))
            {
                problem = $"{currency.Code} is listed twice; each currency settles in one merchant account.";
                return false;
            }
        }

        accounts = new BraintreeMerchantAccounts(map, null);
        return true;
    }

    public override string ToString() =>
        IsPerCurrency ? string.Join(", ", byCurrency.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")) : single ?? "";

    // Braintree merchant account ids are letters, digits, "_" and "-" (it lowercases and underscores the display name).
    private static string? IdProblem(string id) =>
        id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')
            ? null
            : $"\"{id}\" is not a Braintree merchant account id (letters, digits, _ and -, at most 64).";
}
