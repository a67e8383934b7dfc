namespace PaymentsPortal.Core.Gateways.Braintree;

/// <summary>
/// The GraphQL documents the adapter sends: the whole API surface it relies on, so a reviewer (and the sandbox
/// simulator) can see it in one place. Each asks for the transaction fields the outcome mapping reads.
/// </summary>
internal static class BraintreeOperations
{
    private const string TransactionFragment = """
        fragment PortalTransaction on Transaction {
          id
          legacyId
          createdAt
          orderId
          status
          amount { value currencyCode }
          processorResponse { legacyCode message }
          paymentMethodSnapshot {
            __typename
            ... on CreditCardDetails { brandCode last4 expirationMonth expirationYear }
          }
          statusHistory {
            __typename
            status
            ... on ProcessorDeclinedEvent { declineType }
            ... on GatewayRejectedEvent { gatewayRejectionReason duplicateOf { id } }
          }
          refunds { id orderId status amount { value currencyCode } }
        }
        """;

    private const string RefundFragment = """
        fragment PortalRefund on Refund {
          id
          orderId
          status
          amount { value currencyCode }
        }
        """;

    /// <summary>Authorizes and submits for settlement in one call.</summary>
    public const string ChargePaymentMethod = """
        mutation PortalCharge($input: ChargePaymentMethodInput!) {
          chargePaymentMethod(input: $input) { transaction { ...PortalTransaction } }
        }
        """ + "\n" + TransactionFragment;

    /// <summary>Authorizes only; capture follows with <see cref="CaptureTransaction"/>.</summary>
    public const string AuthorizePaymentMethod = """
        mutation PortalAuthorize($input: AuthorizePaymentMethodInput!) {
          authorizePaymentMethod(input: $input) { transaction { ...PortalTransaction } }
        }
        """ + "\n" + TransactionFragment;

    public const string CaptureTransaction = """
        mutation PortalCapture($input: CaptureTransactionInput!) {
          captureTransaction(input: $input) { transaction { ...PortalTransaction } }
        }
        """ + "\n" + TransactionFragment;

    public const string RefundTransaction = """
        mutation PortalRefund($input: RefundTransactionInput!) {
          refundTransaction(input: $input) { refund { ...PortalRefund } }
        }
        """ + "\n" + RefundFragment;

    public const string ReverseTransaction = """
        mutation PortalReverse($input: ReverseTransactionInput!) {
          reverseTransaction(input: $input) {
            reversal {
              __typename
              ... on Transaction { id orderId status amount { value currencyCode } }
              ... on Refund { id orderId status amount { value currencyCode } }
            }
          }
        }
        """;

    /// <summary>Finds every transaction carrying an order id; more than one means the attempt was charged twice.</summary>
    public const string SearchTransactionsByOrderId = """
        query PortalFindByOrderId($input: TransactionSearchInput!, $first: Int) {
          search {
            transactions(input: $input, first: $first) {
              pageInfo { hasNextPage }
              edges { node { ...PortalTransaction } }
            }
          }
        }
        """ + "\n" + TransactionFragment;

    /// <summary>A client token for braintree-web in the browser; it authorizes tokenizing a card, never charging one.</summary>
    public const string CreateClientToken = """
        mutation PortalClientToken($input: CreateClientTokenInput) {
          createClientToken(input: $input) { clientToken }
        }
        """;
}
