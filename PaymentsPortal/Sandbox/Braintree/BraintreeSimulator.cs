using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Sandbox.Webhooks;

namespace PaymentsPortal.Sandbox.Braintree;

/// <summary>
/// A loopback stand-in for Braintree's GraphQL endpoint (POST /graphql) that answers exactly the operations the
/// portal's adapter sends: charge, authorize, capture, refund, reverse, transaction searches (by order id, status, settlement or creation
/// time) and a dispute search for the gateway sync, and a client token for the hosted fields. It checks Basic auth (an AUTHENTICATION error with HTTP 401 otherwise), keeps
/// transactions in memory, and wraps each request in <see cref="SimulatedFaults"/> so timeouts, resets and 5xx strike before or after the commit.
/// </summary>
public sealed class BraintreeSimulator : IGatewaySimulator
{
    private readonly SimulatedFaults faults;
    private readonly BraintreeSimulatorState state;
    private readonly byte[] expectedAuthorization;
    private readonly ISimulatedWebhookSink? webhooks;
    private int requestsReceived;

    /// <param name="webhooks">Where settlement notifications go (signed and delivered elsewhere); none when null.</param>
    public BraintreeSimulator(SimulatedFaults faults, BraintreeSimulatorOptions? options = null, ISimulatedWebhookSink? webhooks = null)
    {
        ArgumentNullException.ThrowIfNull(faults);
        this.faults = faults;
        this.webhooks = webhooks;
        Options = options ?? BraintreeSimulatorOptions.Sandbox;
        state = new BraintreeSimulatorState(Options);
        expectedAuthorization = Encoding.UTF8.GetBytes(Convert.ToBase64String(Encoding.UTF8.GetBytes(Options.Secret)));
    }

    public GatewayKind Kind => GatewayKind.Braintree;

    public BraintreeSimulatorOptions Options { get; }

    /// <summary>Requests that reached the endpoint, authenticated or not: proves that an outage kept a call away.</summary>
    public int RequestsReceived => Volatile.Read(ref requestsReceived);

    public void Map(IEndpointRouteBuilder routes) => routes.MapPost("/graphql", HandleAsync);

    /// <summary>Every transaction (charges, declined or not) carrying <paramref name="orderId"/>, oldest first.</summary>
    public IReadOnlyList<BraintreeSimulatedTransaction> TransactionsFor(string orderId) => state.TransactionsFor(orderId);

    /// <summary>The order id of every transaction, once each: for a portal charge, the attempt id.</summary>
    public IReadOnlyList<string> ChargedReferences() => state.OrderIds();

    /// <summary>The transactions made for one portal attempt (the adapter sends the attempt id as the order id).</summary>
    public IReadOnlyList<BraintreeSimulatedTransaction> ChargesFor(Guid attemptId) =>
        state.TransactionsFor(attemptId.ToString("D", CultureInfo.InvariantCulture));

    public BraintreeSimulatedTransaction? Find(string transactionId) => state.Find(transactionId);

    /// <summary>Runs the settlement batch for one transaction, as Braintree's sandboxSettleTransaction does.</summary>
    public bool Settle(string transactionId)
    {
        var settled = state.Settle(transactionId);
        PublishNotices();
        return settled;
    }

    /// <summary>Every dispute so far; a sale on <see cref="BraintreeTestNonces.Disputed"/> is disputed once it settles.</summary>
    public IReadOnlyList<BraintreeSimulatedDispute> Disputes() => state.Disputes();

    /// <summary>Decides a dispute (GraphQL or legacy id) as the card network would, and sends dispute_won or dispute_lost.</summary>
    public BraintreeSimulatedDispute? DecideDispute(string disputeId, bool won)
    {
        var decided = state.DecideDispute(disputeId, won);
        PublishNotices();
        return decided;
    }

    /// <summary>
    /// Pays out the settled total of one merchant account not paid out before, on <paramref name="day"/> (today, UTC, by default), and
    /// sends a disbursement notification; null when nothing is due or the account was already disbursed that day.
    /// </summary>
    public BraintreeSimulatedDisbursement? Disburse(string? merchantAccountId = null, DateOnly? day = null)
    {
        var disbursement = state.Disburse(merchantAccountId ?? Options.DefaultMerchantAccountId, day ?? DateOnly.FromDateTime(DateTime.UtcNow));
        PublishNotices();
        return disbursement;
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref requestsReceived);
        if (!IsAuthenticated(context.Request))
        {
            await WriteAsync(context, StatusCodes.Status401Unauthorized,
                BraintreeSimulatorReplies.Error(null, new ErrorOutcome("AUTHENTICATION", "Authentication credentials are invalid."))).ConfigureAwait(false);
            return;
        }

        if (!context.Request.Headers.ContainsKey("Braintree-Version"))
        {
            await WriteAsync(context, StatusCodes.Status400BadRequest,
                BraintreeSimulatorReplies.Error(null, new ErrorOutcome("VALIDATION", "The Braintree-Version header is required."))).ConfigureAwait(false);
            return;
        }

        BraintreeGraphQLRequest? request;
        string error;
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
            _ = BraintreeGraphQLRequest.TryParse(body.RootElement, out request, out error);
        }
        catch (JsonException)
        {
            (request, error) = (null, "The request body is not valid JSON.");
        }

        if (request is null)
        {
            await WriteAsync(context, StatusCodes.Status200OK, BraintreeSimulatorReplies.Error(null, new ErrorOutcome("VALIDATION", error))).ConfigureAwait(false);
            return;
        }

        // Searches pass through the faults too: a real lookup can time out or meet a 5xx like any other call.
        if (!await faults.BeforeCommitAsync(GatewayKind.Braintree, context).ConfigureAwait(false))
        {
            return;
        }

        var reply = BraintreeSimulatorReplies.For(request, Execute(request));

        // Committed: its notifications go out whatever happens to the reply.
        PublishNotices();
        if (!await faults.AfterCommitAsync(GatewayKind.Braintree, context).ConfigureAwait(false))
        {
            return;
        }

        await WriteAsync(context, StatusCodes.Status200OK, reply).ConfigureAwait(false);
    }

    private BraintreeSimulatedOutcome Execute(BraintreeGraphQLRequest request)
    {
        switch (request.Operation)
        {
            case BraintreeSimulatedOperation.ChargePaymentMethod or BraintreeSimulatedOperation.AuthorizePaymentMethod:
                var paymentMethodId = request.Text("input", "paymentMethodId");
                var amount = request.Text("input", "transaction", "amount");
                return paymentMethodId is null || amount is null
                    ? Missing("paymentMethodId and transaction.amount")
                    : state.Charge(paymentMethodId, amount, request.Text("input", "transaction", "orderId"), request.Text("input", "transaction", "merchantAccountId"),
                        submitForSettlement: request.Operation == BraintreeSimulatedOperation.ChargePaymentMethod);

            case BraintreeSimulatedOperation.CaptureTransaction:
                return request.Text("input", "transactionId") is { } captureId
                    ? state.Capture(captureId, request.Text("input", "transaction", "amount") ?? request.Text("input", "amount"), request.Text("input", "apiRequestKey"))
                    : Missing("transactionId");

            case BraintreeSimulatedOperation.RefundTransaction:
                return request.Text("input", "transactionId") is { } refundId
                    ? state.Refund(refundId, request.Text("input", "refund", "amount"), request.Text("input", "refund", "orderId"), request.Text("input", "apiRequestKey"))
                    : Missing("transactionId");

            case BraintreeSimulatedOperation.ReverseTransaction:
                return request.Text("input", "transactionId") is { } reverseId
                    ? state.Reverse(reverseId, request.Text("input", "apiRequestKey"))
                    : Missing("transactionId");

            case BraintreeSimulatedOperation.SearchTransactions:
                return request.Text("input", "orderId", "is") is { } orderId
                    ? state.Search(orderId, request.Integer("first", 50))
                    : state.SearchTransactions(
                        [.. request.Texts("input", "status", "in"), .. request.Text("input", "status", "is") is { } status ? [status] : Array.Empty<string>()],
                        request.Time("input", "statusTransition", "settledAt", "greaterThanOrEqualTo"),
                        request.Time("input", "createdAt", "greaterThanOrEqualTo"),
                        request.Day("input", "disbursementDate", "greaterThanOrEqualTo"),
                        request.Integer("first", 50),
                        request.Text("after"));

            case BraintreeSimulatedOperation.SearchRefunds:
                return state.SearchRefunds(
                    request.Time("input", "statusTransition", "settledAt", "greaterThanOrEqualTo"), request.Day("input", "disbursementDate", "greaterThanOrEqualTo"),
                    request.Integer("first", 50), request.Text("after"));

            case BraintreeSimulatedOperation.SearchDisputes:
                return state.SearchDisputes(request.Time("input", "effectiveDate", "greaterThanOrEqualTo"), request.Integer("first", 50), request.Text("after"));

            case BraintreeSimulatedOperation.CreateClientToken:
                var account = request.Text("input", "clientToken", "merchantAccountId") ?? Options.DefaultMerchantAccountId;
                return Options.MerchantAccounts.ContainsKey(account)
                    ? new ClientTokenOutcome(BraintreeSandboxClientToken.Create(account))
                    : new ErrorOutcome("VALIDATION", "Unknown merchant account id.");

            default:
                return new ErrorOutcome("NOT_IMPLEMENTED", "The Braintree simulator does not implement this operation.");
        }
    }

    private void PublishNotices()
    {
        foreach (var notice in state.TakeNotices())
        {
            webhooks?.Publish(new SimulatedWebhook(GatewayKind.Braintree, Options.PublicKey, notice.Kind, notice.Payload(DateTimeOffset.UtcNow)));
        }
    }

    private static ErrorOutcome Missing(string what) => new("VALIDATION", "Variables are missing " + what + ".");

    // Compared in constant time: the simulator guards nothing real, but it should not teach a timing leak.
    private bool IsAuthenticated(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header.Parameter), expectedAuthorization);
    }

    private static async Task WriteAsync(HttpContext context, int status, JsonObject reply)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(reply.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }
}
