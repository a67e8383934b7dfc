using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Core.Gateways.Braintree;

/// <summary>
/// <see cref="IPaymentGateway"/> over Braintree's GraphQL API for one merchant's credentials. Braintree has no
/// idempotency key for charges, so the persisted attempt id is sent as the transaction's order id and an Unknown
/// outcome is resolved later by <see cref="LookupAsync"/> (a transaction search on that order id). Captures,
/// reversals and refunds carry Braintree's apiRequestKey, which makes a repeat of the same operation return the
/// first result instead of acting twice.
/// </summary>
public sealed class BraintreeGateway : IPaymentGateway
{
    /// <summary>Transactions read per lookup; one attempt normally has one, a handful means a duplicate charge.</summary>
    internal const int LookupPageSize = 50;

    public const string CurrencyNotSupported = "currency_not_supported";

    private readonly BraintreeGraphQLClient client;
    private readonly GatewayConnection connection;
    private readonly BraintreeMerchantAccounts? accounts;
    private readonly ILogger logger;

    public BraintreeGateway(GatewayConnection connection, HttpClient http, ILogger<BraintreeGateway>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection.Kind != GatewayKind.Braintree)
        {
            throw new ArgumentException($"A Braintree gateway needs a Braintree connection, not {connection.Kind}.", nameof(connection));
        }

        this.connection = connection;
        // The settings page refuses a malformed list; one stored before that check settles nothing rather than guess.
        accounts = BraintreeMerchantAccounts.TryParse(connection.MerchantAccountId, out var parsed, out _) ? parsed : null;
        client = new BraintreeGraphQLClient(http, connection);
        this.logger = logger ?? NullLogger<BraintreeGateway>.Instance;
    }

    public GatewayKind Kind => GatewayKind.Braintree;

    public bool CanCharge(PaymentToken token) => token is { IssuedBy: GatewayKind.Braintree, Value.Length: > 0 };

    public bool CanSettle(Currency currency) => accounts is not null && accounts.Settles(currency);

    public async Task<GatewayResult> AuthorizeAsync(AuthorizeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!CanCharge(request.Token))
        {
            return GatewayResult.NotSent("token_unusable", "The card token was not issued by Braintree.");
        }

        if (!request.Amount.IsPositive)
        {
            return GatewayResult.Declined("invalid_amount", "Braintree charges only positive amounts.", retryableElsewhere: false);
        }

        if (!CanSettle(request.Amount.Currency))
        {
            return GatewayResult.NotSent(CurrencyNotSupported, $"No Braintree merchant account is listed for {request.Amount.Currency.Code}; nothing was sent.");
        }

        // Description and email are not sent: TransactionInput has no description (the descriptor is the card
        // statement text), and customerDetails is refused for vaulted payment methods, which a token may be.
        var input = new ChargeInput(request.Token.Value, new TransactionInput(request.Amount.ToMajorString(), OrderIdOf(request.AttemptId), accounts!.For(request.Amount.Currency)));
        var operation = request.Capture ? BraintreeOperations.ChargePaymentMethod : BraintreeOperations.AuthorizePaymentMethod;
        var call = await client.SendAsync(operation, new InputVariables<ChargeInput>(input), cancellationToken).ConfigureAwait(false);
        var data = call.Reply?.Data;
        var transaction = request.Capture ? data?.ChargePaymentMethod?.Transaction : data?.AuthorizePaymentMethod?.Transaction;
        var result = call.Failure
            ?? (transaction is not null ? BraintreeChargeMapper.ForAuthorize(transaction, request.Amount) : BraintreeErrorClassifier.Classify(call.Reply?.Errors));
        return Logged(result, "authorize", request.AttemptId);
    }

    public async Task<GatewayResult> CaptureAsync(CaptureRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var input = new CaptureInput(request.GatewayReference, KeyOf(request.OperationId), new CaptureOptionsInput(request.Amount.ToMajorString()));
        var call = await client.SendAsync(BraintreeOperations.CaptureTransaction, new InputVariables<CaptureInput>(input), cancellationToken).ConfigureAwait(false);
        var transaction = call.Reply?.Data?.CaptureTransaction?.Transaction;
        var result = call.Failure
            ?? (transaction is not null ? BraintreeChargeMapper.ForCapture(transaction, request.Amount) : BraintreeErrorClassifier.Classify(call.Reply?.Errors));
        return Logged(result, "capture", request.OperationId);
    }

    /// <summary>
    /// reverseTransaction: voids an unsettled transaction (the reference stays the transaction id, Status VOIDED), or
    /// refunds a settled one in full (the reference is then the new refund's id).
    /// </summary>
    public async Task<GatewayResult> VoidAsync(VoidRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var input = new ReverseInput(request.GatewayReference, KeyOf(request.OperationId));
        var call = await client.SendAsync(BraintreeOperations.ReverseTransaction, new InputVariables<ReverseInput>(input), cancellationToken).ConfigureAwait(false);
        var reversal = call.Reply?.Data?.ReverseTransaction?.Reversal;
        var result = call.Failure
            ?? (reversal is not null ? BraintreeFollowUpMapper.ForReversal(reversal) : BraintreeErrorClassifier.Classify(call.Reply?.Errors));
        return Logged(result, "void", request.OperationId);
    }

    /// <summary>
    /// refundTransaction. Braintree refunds only SETTLING or SETTLED transactions; an unsettled one is refused with a
    /// VALIDATION error (Declined) and should be voided instead — <see cref="VoidAsync"/> does the right thing in both
    /// states for a full refund.
    /// </summary>
    public async Task<GatewayResult> RefundAsync(RefundRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        // The reason stays with us: Braintree's refund reason is deprecated and only ever reached PayPal.
        var refundId = KeyOf(request.RefundId);
        var input = new RefundInput(request.GatewayReference, refundId, new RefundOptionsInput(request.Amount.ToMajorString(), refundId));
        var call = await client.SendAsync(BraintreeOperations.RefundTransaction, new InputVariables<RefundInput>(input), cancellationToken).ConfigureAwait(false);
        var refund = call.Reply?.Data?.RefundTransaction?.Refund;
        var result = call.Failure
            ?? (refund is not null ? BraintreeFollowUpMapper.ForRefund(refund, request.Amount) : BraintreeErrorClassifier.Classify(call.Reply?.Errors));
        return Logged(result, "refund", request.RefundId);
    }

    /// <summary>
    /// Searches transactions by order id = <paramref name="attemptId"/>. Found nothing is only final once Braintree
    /// could no longer be processing the attempt (its own gateway timeout is 60 s, and search is indexed shortly after
    /// a transaction is written); the caller decides when that is.
    /// </summary>
    public async Task<GatewayLookup> LookupAsync(Guid attemptId, CancellationToken cancellationToken)
    {
        var variables = new SearchVariables(new TransactionSearchInput(new SearchTextInput(OrderIdOf(attemptId))), LookupPageSize);
        var call = await client.SendAsync(BraintreeOperations.SearchTransactionsByOrderId, variables, cancellationToken).ConfigureAwait(false);
        if (call.Failure is { } failure)
        {
            return GatewayLookup.Unreachable(failure.Outcome == GatewayOutcome.NotSent ? GatewayOutcome.NotSent : GatewayOutcome.Unknown, failure.Message ?? failure.Code ?? "lookup failed");
        }

        var connectionNode = call.Reply?.Data?.Search?.Transactions;
        if (connectionNode is null)
        {
            var error = BraintreeErrorClassifier.Classify(call.Reply?.Errors);
            return GatewayLookup.Unreachable(error.Outcome == GatewayOutcome.NotSent ? GatewayOutcome.NotSent : GatewayOutcome.Unknown, error.Message ?? "lookup failed");
        }

        var found = (connectionNode.Edges ?? []).Select(e => e?.Node).OfType<TransactionNode>().ToList();
        var lookup = BraintreeLookupMapper.From(found, connectionNode.PageInfo?.HasNextPage == true);
        if (lookup.Message is not null)
        {
            logger.LogWarning("Braintree lookup for attempt {AttemptId}: {Message}", attemptId, lookup.Message);
        }

        return lookup;
    }

    /// <summary>
    /// A client token for Braintree's hosted fields (braintree-web in the browser), bound to the merchant account that
    /// settles <paramref name="currency"/>. Null with the reason when Braintree cannot take that currency here or did not
    /// give one; the token lets a browser tokenize a card and nothing else, so it may be sent to the page.
    /// </summary>
    public async Task<BraintreeClientToken> CreateClientTokenAsync(Currency currency, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(currency);
        if (!CanSettle(currency))
        {
            return new BraintreeClientToken(null, $"No Braintree merchant account is listed for {currency.Code}.");
        }

        var input = new ClientTokenInput(new ClientTokenOptionsInput(accounts!.For(currency)));
        var call = await client.SendAsync(BraintreeOperations.CreateClientToken, new InputVariables<ClientTokenInput>(input), cancellationToken).ConfigureAwait(false);
        if (call.Reply?.Data?.CreateClientToken?.ClientToken is { Length: > 0 } token)
        {
            return new BraintreeClientToken(token, null);
        }

        var failure = call.Failure ?? BraintreeErrorClassifier.Classify(call.Reply?.Errors);
        logger.LogWarning("Braintree client token ended {Outcome} ({Code}): {Message}", failure.Outcome, failure.Code, failure.Message);
        return new BraintreeClientToken(null, failure.Message ?? "Braintree did not return a client token.");
    }

    // Our ids in one textual form everywhere, so a search matches exactly what was sent.
    internal static string OrderIdOf(Guid attemptId) => attemptId.ToString("D", CultureInfo.InvariantCulture);

    private static string KeyOf(Guid operationId) => operationId.ToString("D", CultureInfo.InvariantCulture);

    private GatewayResult Logged(GatewayResult result, string operation, Guid id)
    {
        if (result.Outcome is GatewayOutcome.Unknown or GatewayOutcome.NotSent)
        {
            logger.LogWarning("Braintree {Operation} {Id} ended {Outcome} ({Code}): {Message}", operation, id, result.Outcome, result.Code, result.Message);
        }

        return result;
    }
}

/// <summary>A client token for the browser, or why there is none.</summary>
public sealed record BraintreeClientToken(string? Token, string? Problem)
{
    public override string ToString() => Token is null ? $"no client token ({Problem})" : "a client token";
}
