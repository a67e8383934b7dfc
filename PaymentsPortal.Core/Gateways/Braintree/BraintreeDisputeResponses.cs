namespace PaymentsPortal.Core.Gateways.Braintree;

// The subset of Braintree's Dispute type the gateway sync reads back (search { disputes }). Nullable throughout, like the rest.

internal sealed record DisputeConnection(IReadOnlyList<DisputeEdge?>? Edges, PageInfo? PageInfo);

internal sealed record DisputeEdge(DisputeNode? Node);

/// <summary>
/// <paramref name="Status"/> and <paramref name="Reason"/> are GraphQL enum words (OPEN, WON; FRAUD). The dates are days (yyyy-MM-dd),
/// kept as text so a change of format is an unreadable field rather than an unreadable reply.
/// </summary>
internal sealed record DisputeNode(
    string? Id,
    string? LegacyId,
    MonetaryAmountNode? AmountDisputed,
    string? Status,
    string? Reason,
    DateTimeOffset? CreatedAt,
    string? ReceivedDate,
    string? ReplyByDate,
    DisputedTransactionNode? Transaction,
    IReadOnlyList<DisputeStatusEventNode>? StatusHistory);

internal sealed record DisputedTransactionNode(string? Id, string? LegacyId, string? OrderId, MonetaryAmountNode? Amount);

internal sealed record DisputeStatusEventNode(string? Status, DateTimeOffset? Timestamp, string? EffectiveDate);
