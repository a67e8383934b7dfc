namespace PaymentsPortal.Core.Gateways.Braintree;

// The variables of the operations in BraintreeOperations, as typed records. Amounts are decimal strings in the
// merchant account's currency ("12.34", "1500", "1.250"): Braintree has no currency field on a transaction, the
// merchant account decides it.

/// <summary>The body of every call: the operation text and its variables.</summary>
internal sealed record GraphQLRequest(string Query, object Variables);

/// <summary>Every mutation here takes one argument named <c>input</c>.</summary>
internal sealed record InputVariables<TInput>(TInput Input);

/// <summary>ChargePaymentMethodInput and AuthorizePaymentMethodInput share this shape.</summary>
internal sealed record ChargeInput(string PaymentMethodId, TransactionInput Transaction);

/// <summary>
/// <paramref name="OrderId"/> is our attempt id: Braintree has no idempotency key for charges, so the order id is the
/// only handle by which an attempt whose reply was lost can be found again.
/// </summary>
internal sealed record TransactionInput(string Amount, string OrderId, string? MerchantAccountId);

/// <summary><paramref name="ApiRequestKey"/> makes a repeated capture return the first one's result.</summary>
internal sealed record CaptureInput(string TransactionId, string ApiRequestKey, CaptureOptionsInput Transaction);

internal sealed record CaptureOptionsInput(string Amount);

/// <summary>The refund's own order id is our refund id, so a refund never looks like a second charge of the attempt.</summary>
internal sealed record RefundInput(string TransactionId, string ApiRequestKey, RefundOptionsInput Refund);

internal sealed record RefundOptionsInput(string Amount, string OrderId);

/// <summary>Voids an unsettled transaction, or refunds a settled one in full.</summary>
internal sealed record ReverseInput(string TransactionId, string ApiRequestKey);

internal sealed record SearchVariables(TransactionSearchInput Input, int First);

internal sealed record TransactionSearchInput(SearchTextInput OrderId);

internal sealed record SearchTextInput(string Is);

/// <summary>CreateClientTokenInput: the merchant account decides the currency the hosted fields' card will be charged in.</summary>
internal sealed record ClientTokenInput(ClientTokenOptionsInput ClientToken);

internal sealed record ClientTokenOptionsInput(string? MerchantAccountId);
