using System.Globalization;
using PaymentsPortal.Core.Common;
using PaymentsPortal.Core.Customers;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Payments.Search;

namespace PaymentsPortal.Core.Payments.Export;

/// <summary>
/// One payment as a line of the export. Amounts appear twice: in major units with the currency's own decimals for people
/// and spreadsheets, and in integer minor units for systems that must not round.
/// </summary>
internal sealed record PaymentCsvRow(
    Guid Id,
    DateTimeOffset CreatedAt,
    PaymentStatus Status,
    long AmountMinor,
    string CurrencyCode,
    long CapturedMinor,
    long RefundedMinor,
    GatewayKind? Gateway,
    string? GatewayReference,
    bool FailedOver,
    string? CardBrand,
    string? CardLast4,
    string? CustomerEmail,
    string? Description)
{
    public const string Header =
        "payment_id,created_at,status,amount,currency,amount_minor,captured_minor,refunded_minor,gateway,gateway_reference,failed_over,card_brand,card_last4,customer_email,description";

    public static IQueryable<PaymentCsvRow> Project(IQueryable<Payment> payments) =>
        payments.Select(p => new PaymentCsvRow(p.Id, p.CreatedAt, p.Status, p.AmountMinor, p.CurrencyCode, p.CapturedMinor, p.RefundedMinor,
            p.Gateway, p.GatewayReference, p.FailedOver, p.CardBrand, p.CardLast4, p.CustomerEmail, p.Description));

    public PaymentCursor CursorIn(PaymentSort sort) =>
        new(sort, sort is PaymentSort.LargestFirst or PaymentSort.SmallestFirst ? AmountMinor : CreatedAt.UtcTicks, Id);

    public string ToCsv(bool maskEmail)
    {
        string?[] cells =
        [
            Id.ToString("D"),
            CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            Status.ToString(),
            new Money(AmountMinor, Currency.From(CurrencyCode)).ToMajorString(),
            CurrencyCode,
            AmountMinor.ToString(CultureInfo.InvariantCulture),
            CapturedMinor.ToString(CultureInfo.InvariantCulture),
            RefundedMinor.ToString(CultureInfo.InvariantCulture),
            Gateway?.ToString(),
            GatewayReference,
            FailedOver ? "true" : "false",
            CardBrand,
            CardLast4,
            maskEmail ? CustomerEmailMask.Mask(CustomerEmail) : CustomerEmail,
            Description,
        ];
        return string.Join(',', cells.Select(CsvCell.Format));
    }
}
