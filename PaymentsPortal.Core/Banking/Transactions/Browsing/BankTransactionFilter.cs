namespace PaymentsPortal.Core.Banking.Transactions.Browsing;

/// <summary>Which way money moved, from the merchant's side (positive amounts are money in).</summary>
public enum BankTransactionDirection
{
    Any,
    In,
    Out,
}

/// <summary>
/// What a person narrowed an account's transactions to: a day range (both ends included), a direction, text found in the
/// description or the counterparty (matched literally), and whether transactions the bank withdrew are shown too.
/// </summary>
public sealed record BankTransactionFilter(
    DateOnly? From = null, DateOnly? To = null, BankTransactionDirection Direction = BankTransactionDirection.Any, string? Text = null, bool IncludeWithdrawn = false)
{
    public const int TextMaxLength = 200;

    /// <summary>What is wrong with the filter, in words a person can act on; null when it can be applied.</summary>
    public string? Problem =>
        From is { } from && To is { } to && from > to ? "The start date is after the end date."
        : Text is { Length: > TextMaxLength } ? $"Search for at most {TextMaxLength} characters."
        : null;

    /// <summary>The search text without surrounding spaces, or null when there is none.</summary>
    public string? Search => string.IsNullOrWhiteSpace(Text) ? null : Text.Trim();
}
