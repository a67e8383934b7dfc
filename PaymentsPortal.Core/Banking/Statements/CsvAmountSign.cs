namespace PaymentsPortal.Core.Banking.Statements;

/// <summary>What a positive number in a single CSV amount column means.</summary>
public enum CsvAmountSign
{
    /// <summary>Positive is a deposit, negative a payment: most bank accounts.</summary>
    PositiveIsMoneyIn,

    /// <summary>Positive is a charge, negative a payment or refund: many credit card exports.</summary>
    PositiveIsMoneyOut,
}
