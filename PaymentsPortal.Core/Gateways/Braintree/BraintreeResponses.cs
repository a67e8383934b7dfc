using System.Text.Json.Serialization;

namespace PaymentsPortal.Core.Gateways.Braintree;

// The subset of Braintree's GraphQL reply that BraintreeOperations asks for. Every field is nullable: GraphQL returns
// null for a payload whose mutation failed, and a reply missing what we need is classified, never dereferenced.

internal sealed record GraphQLResponse(BraintreeData? Data, IReadOnlyList<GraphQLError>? Errors);

internal sealed record GraphQLError(string? Message, GraphQLErrorExtensions? Extensions);

/// <summary><paramref name="ErrorClass"/> is VALIDATION, AUTHENTICATION, AUTHORIZATION, NOT_FOUND, RESOURCE_LIMIT, INTERNAL…</summary>
internal sealed record GraphQLErrorExtensions(
    string? ErrorClass,
    [property: JsonConverter(typeof(StringOrNumberConverter))] string? LegacyCode);

/// <summary>One property per top-level field of the operations we send; only the one we asked for is filled.</summary>
internal sealed record BraintreeData(
    TransactionPayload? ChargePaymentMethod,
    TransactionPayload? AuthorizePaymentMethod,
    TransactionPayload? CaptureTransaction,
    RefundPayload? RefundTransaction,
    ReversePayload? ReverseTransaction,
    SearchPayload? Search,
    ClientTokenPayload? CreateClientToken = null);

internal sealed record ClientTokenPayload(string? ClientToken);

internal sealed record TransactionPayload(TransactionNode? Transaction);

internal sealed record RefundPayload(RefundNode? Refund);

internal sealed record ReversePayload(ReversalNode? Reversal);

internal sealed record SearchPayload(TransactionConnection? Transactions, DisputeConnection? Disputes = null, TransactionConnection? Refunds = null);

internal sealed record TransactionConnection(IReadOnlyList<TransactionEdge?>? Edges, PageInfo? PageInfo);

internal sealed record TransactionEdge(TransactionNode? Node);

internal sealed record PageInfo(bool HasNextPage, string? EndCursor = null);

internal sealed record TransactionNode(
    string? Id,
    string? LegacyId,
    DateTimeOffset? CreatedAt,
    string? OrderId,
    string? Status,
    MonetaryAmountNode? Amount,
    ProcessorResponseNode? ProcessorResponse,
    PaymentMethodSnapshotNode? PaymentMethodSnapshot,
    IReadOnlyList<StatusEventNode>? StatusHistory,
    IReadOnlyList<RefundNode>? Refunds,
    string? MerchantAccountId = null,
    DisbursementDetailsNode? DisbursementDetails = null);

/// <summary>How and when a payment was paid out to the merchant: the day, and the amount in the settlement currency.</summary>
internal sealed record DisbursementDetailsNode(string? Date, MonetaryAmountNode? Amount, bool? FundsHeld);

internal sealed record MonetaryAmountNode(string? Value, string? CurrencyCode);

internal sealed record ProcessorResponseNode(
    [property: JsonConverter(typeof(StringOrNumberConverter))] string? LegacyCode,
    string? Message);

internal sealed record PaymentMethodSnapshotNode(
    [property: JsonPropertyName("__typename")] string? TypeName,
    string? BrandCode,
    string? Last4,
    string? ExpirationMonth,
    string? ExpirationYear);

/// <summary>A PaymentStatusEvent; the reason fields are filled only on the event types that carry them.</summary>
internal sealed record StatusEventNode(
    [property: JsonPropertyName("__typename")] string? TypeName,
    string? Status,
    string? DeclineType,
    string? GatewayRejectionReason,
    IdNode? DuplicateOf,
    DateTimeOffset? Timestamp = null);

internal sealed record IdNode(string? Id);

internal sealed record RefundNode(string? Id, string? OrderId, string? Status, MonetaryAmountNode? Amount);

/// <summary>TransactionReversal is a union: a voided Transaction, or a Refund when the original had settled.</summary>
internal sealed record ReversalNode(
    [property: JsonPropertyName("__typename")] string? TypeName,
    string? Id,
    string? OrderId,
    string? Status,
    MonetaryAmountNode? Amount);
