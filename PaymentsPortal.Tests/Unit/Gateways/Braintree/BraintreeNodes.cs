using PaymentsPortal.Core.Gateways.Braintree;

namespace PaymentsPortal.Tests.Unit.Gateways.Braintree;

/// <summary>Builds Braintree reply objects for the mapping tests.</summary>
internal static class BraintreeNodes
{
    public static TransactionNode Transaction(
        string status,
        string value = "12.34",
        string? currency = "USD",
        string? legacyCode = "1000",
        string? processorMessage = "Approved",
        string id = "dHJhbnNhY3Rpb25fYWJj",
        IReadOnlyList<StatusEventNode>? history = null,
        IReadOnlyList<RefundNode>? refunds = null,
        DateTimeOffset? createdAt = null) =>
        new(id, "abc", createdAt ?? DateTimeOffset.Parse("2026-11-23T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture), "order", status,
            new MonetaryAmountNode(value, currency), new ProcessorResponseNode(legacyCode, processorMessage),
            new PaymentMethodSnapshotNode("CreditCardDetails", "VISA", "1111", "12", "2030"), history ?? [], refunds ?? []);

    public static RefundNode Refund(string value, string status = "SUBMITTED_FOR_SETTLEMENT", string currency = "USD") =>
        new("cmVmdW5kXzE=", "refund-order", status, new MonetaryAmountNode(value, currency));
}
