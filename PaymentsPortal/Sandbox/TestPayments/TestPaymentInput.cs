using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Sandbox.TestPayments;

/// <summary>A validated request for test payments: <see cref="Count"/> payments of <see cref="Amount"/> with one test card.</summary>
public sealed record TestPaymentBatch(Money Amount, SandboxTestCard Card, int Count);

/// <summary>The test payments form as typed; problems are reported per field and nothing is sent until there are none.</summary>
public sealed class TestPaymentInput
{
    public const int MaxCount = 50;

    public string? Amount { get; set; } = "10.00";

    public string CurrencyCode { get; set; } = Currency.Usd.Code;

    public SandboxTestCard Card { get; set; } = SandboxTestCard.Success;

    public int Count { get; set; } = 1;

    public string? CurrencyProblem => Currency.TryFrom(CurrencyCode, out _) ? null : $"'{CurrencyCode}' is not a supported ISO 4217 currency.";

    /// <summary>Money's own reasons (too many decimals for the currency, not a number), or a zero amount.</summary>
    public string? AmountProblem => AmountProblemOf(Amount, CurrencyCode);

    public string? CountProblem => CountProblemOf(Count);

    /// <summary>Null for an unknown currency too: <see cref="CurrencyProblem"/> reports that one.</summary>
    public static string? AmountProblemOf(string? amount, string currencyCode)
    {
        if (!Currency.TryFrom(currencyCode, out var currency))
        {
            return null;
        }

        if (!Money.TryParse(amount, currency, out var money, out var error))
        {
            return error;
        }

        return money.IsPositive ? null : "The amount must be greater than zero.";
    }

    public static string? CountProblemOf(int count) => count is < 1 or > MaxCount ? $"Send from 1 to {MaxCount} payments at a time." : null;

    public IReadOnlyList<string> Problems => [.. new[] { CurrencyProblem, AmountProblem, CountProblem }.OfType<string>()];

    /// <summary>The batch to send; only call when <see cref="Problems"/> is empty.</summary>
    public TestPaymentBatch ToBatch()
    {
        if (Problems.Count > 0 || !Money.TryParse(Amount, Currency.From(CurrencyCode), out var money, out _))
        {
            throw new InvalidOperationException("The test payments are not valid: " + string.Join(" ", Problems));
        }

        return new TestPaymentBatch(money, Card, Count);
    }
}
