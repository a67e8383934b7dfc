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

    /// <summary>
    /// The gateway sync's transaction search (reads only): by settlement time or by status and creation time, a page at a time.
    /// Each transaction's status history carries the time of its settlement or settlement decline.
    /// </summary>
    public const string SearchTransactionsForSync = """
        query PortalSyncTransactions($input: TransactionSearchInput!, $first: Int, $after: String) {
          search {
            transactions(input: $input, first: $first, after: $after) {
              pageInfo { hasNextPage endCursor }
              edges {
                node {
                  id
                  legacyId
                  createdAt
                  orderId
                  merchantAccountId
                  status
                  amount { value currencyCode }
                  statusHistory { status timestamp }
                }
              }
            }
          }
        }
        """;

    /// <summary>The gateway sync's refund search (reads only): refunds that settled on or after a time, a page at a time.</summary>
    public const string SearchRefundsForSync = """
        query PortalSyncRefunds($input: RefundSearchInput!, $first: Int, $after: String) {
          search {
            refunds(input: $input, first: $first, after: $after) {
              pageInfo { hasNextPage endCursor }
              edges {
                node {
                  id
                  legacyId
                  createdAt
                  orderId
                  merchantAccountId
                  status
                  amount { value currencyCode }
                  statusHistory { status timestamp }
                }
              }
            }
          }
        }
        """;

    /// <summary>
    /// The gateway sync's disbursement searches (reads only): sales, or refunds, paid out on or after a day, with the day and amount
    /// of their disbursement. Braintree has no disbursement object in its GraphQL API; these are how the payouts are read back.
    /// </summary>
    public const string SearchDisbursedTransactionsForSync = """
        query PortalSyncDisbursedTransactions($input: TransactionSearchInput!, $first: Int, $after: String) {
          search {
            transactions(input: $input, first: $first, after: $after) {
              pageInfo { hasNextPage endCursor }
              edges { node { id legacyId merchantAccountId disbursementDetails { date amount { value currencyCode } fundsHeld } } }
            }
          }
        }
        """;

    /// <inheritdoc cref="SearchDisbursedTransactionsForSync"/>
    public const string SearchDisbursedRefundsForSync = """
        query PortalSyncDisbursedRefunds($input: RefundSearchInput!, $first: Int, $after: String) {
          search {
            refunds(input: $input, first: $first, after: $after) {
              pageInfo { hasNextPage endCursor }
              edges { node { id legacyId merchantAccountId disbursementDetails { date amount { value currencyCode } fundsHeld } } }
            }
          }
        }
        """;

    /// <summary>The gateway sync's dispute search (reads only): disputes with a status event that took effect on or after a day.</summary>
    public const string SearchDisputesForSync = """
        query PortalSyncDisputes($input: DisputeSearchInput!, $first: Int, $after: String) {
          search {
            disputes(input: $input, first: $first, after: $after) {
              pageInfo { hasNextPage endCursor }
              edges {
                node {
                  id
                  legacyId
                  amountDisputed { value currencyCode }
                  status
                  reason
                  createdAt
                  receivedDate
                  replyByDate
                  transaction { id legacyId orderId amount { value currencyCode } }
                  statusHistory { status timestamp effectiveDate }
                }
              }
            }
          }
        }
        """;

    /// <summary>A client token for braintree-web in the browser; it authorizes tokenizing a card, never charging one.</summary>
    public const string CreateClientToken = """
        mutation PortalClientToken($input: CreateClientTokenInput) {
          createClientToken(input: $input) { clientToken }
        }
        """;
}
