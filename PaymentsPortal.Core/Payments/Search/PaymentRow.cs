using PaymentsPortal.Core.Gateways;

namespace PaymentsPortal.Core.Payments.Search;

/// <summary>One line of the payments list: what support needs to recognise a payment, never its card token.</summary>
public sealed record PaymentRow(
    Guid Id,
    DateTimeOffset CreatedAt,
    PaymentStatus Status,
    long AmountMinor,
    string CurrencyCode,
    long RefundedMinor,
    GatewayKind? Gateway,
    string? CardBrand,
    string? CardLast4,
    string? CustomerEmail,
    string? Description)
{
    public Money Amount => new(AmountMinor, Currency.From(CurrencyCode));
}

/// <summary>A page of the list and the cursors to the pages on either side (null at either end).</summary>
public sealed record PaymentPage(IReadOnlyList<PaymentRow> Rows, PaymentCursor? Next, PaymentCursor? Previous);
