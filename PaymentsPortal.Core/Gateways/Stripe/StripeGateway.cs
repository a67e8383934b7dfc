using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Stripe;

namespace PaymentsPortal.Core.Gateways.Stripe;

/// <summary>
/// <see cref="IPaymentGateway"/> over the Stripe.net SDK for one merchant's Stripe account. Every call runs under the
/// connection's attempt timeout and ends in a classified result; the attempt id is the Idempotency-Key, so a call
/// repeated by the router (or a replay after a lost reply) can never charge twice.
/// </summary>
public sealed class StripeGateway : IPaymentGateway
{
    private const string OutcomeLog = "Stripe {Operation} ended {Outcome} ({Code}) for {Reference}";

    private readonly GatewayConnection connection;
    private readonly PaymentIntentService intents;
    private readonly RefundService refunds;
    private readonly ILogger logger;

    /// <param name="httpClient">From IHttpClientFactory; it must not retry on its own (no resilience handler).</param>
    public StripeGateway(GatewayConnection connection, HttpClient httpClient, ILogger<StripeGateway>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(httpClient);
        if (connection.Kind != GatewayKind.Stripe)
        {
            throw new ArgumentException($"A Stripe gateway needs a Stripe connection, not {connection.Kind}.", nameof(connection));
        }

        if (string.IsNullOrWhiteSpace(connection.Secret) || connection.AttemptTimeout <= TimeSpan.Zero)
        {
            // The message names neither the key nor any part of it.
            throw new ArgumentException("A Stripe connection needs a secret key and a positive attempt timeout.", nameof(connection));
        }

        this.connection = connection;
        this.logger = logger ?? NullLogger<StripeGateway>.Instance;
        var client = new StripeClient(new StripeClientOptions
        {
            ApiKey = connection.Secret,
            ApiBase = connection.BaseAddress.GetLeftPart(UriPartial.Path).TrimEnd('/'),

            // No SDK retries: the router decides whether a call is repeated, here or on another gateway. A hidden
            // retry would turn a timeout or 5xx the router must record into a slower, different answer, and could
            // still be running after the router gave up on the attempt.
            HttpClient = new SystemNetHttpClient(httpClient, maxNetworkRetries: 0, enableTelemetry: false),
        });
        intents = new PaymentIntentService(client);
        refunds = new RefundService(client);
    }

    public GatewayKind Kind => GatewayKind.Stripe;

    public bool CanCharge(PaymentToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return token.IssuedBy == GatewayKind.Stripe;
    }

    // Stripe charges in the currency the request names; one it does not support for the account is declined, never converted.
    public bool CanSettle(Payments.Currency currency) => true;

    public Task<GatewayResult> AuthorizeAsync(AuthorizeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!CanCharge(request.Token))
        {
            return Task.FromResult(GatewayResult.NotSent("token_not_usable", "The card token was issued by another gateway; nothing was sent to Stripe."));
        }

        var options = StripeRequests.Authorize(request);
        return CallAsync("authorize", request.AttemptId.ToString(), async token =>
            StripeResults.FromAuthorization(await intents.CreateAsync(options, Keyed(request.AttemptId), token).ConfigureAwait(false), request), cancellationToken);
    }

    public Task<GatewayResult> CaptureAsync(CaptureRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var options = StripeRequests.Capture(request);
        return CallAsync("capture", request.GatewayReference, async token =>
            StripeResults.FromCapture(await intents.CaptureAsync(request.GatewayReference, options, Keyed(request.OperationId), token).ConfigureAwait(false)), cancellationToken);
    }

    public Task<GatewayResult> VoidAsync(VoidRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return CallAsync("void", request.GatewayReference, async token =>
            StripeResults.FromVoid(await intents.CancelAsync(request.GatewayReference, StripeRequests.Void(), Keyed(request.OperationId), token).ConfigureAwait(false)), cancellationToken);
    }

    public Task<GatewayResult> RefundAsync(RefundRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var options = StripeRequests.Refund(request);
        return CallAsync("refund", request.GatewayReference, async token =>
            StripeResults.FromRefund(await refunds.CreateAsync(options, Keyed(request.RefundId), token).ConfigureAwait(false)), cancellationToken);
    }

    /// <summary>
    /// Finds the intent created for <paramref name="attemptId"/> through Stripe's Search API on the attempt_id
    /// metadata, which never creates anything (replaying the create with the same key would create the intent if
    /// the first request never arrived). Stripe's search is eventually consistent: an intent normally appears within
    /// a minute, longer during Stripe incidents. "Not found" shortly after an attempt therefore does not prove that
    /// nothing was charged; reconciliation must wait past that window before it treats the attempt as not charged.
    /// </summary>
    public async Task<GatewayLookup> LookupAsync(Guid attemptId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var options = StripeRequests.Lookup(attemptId);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(connection.AttemptTimeout);
        try
        {
            var found = await intents.SearchAsync(options, requestOptions: null, attempt.Token).ConfigureAwait(false);
            return StripeResults.FromSearch(found.Data ?? []);
        }
        catch (Exception exception) when (IsCallFailure(exception))
        {
            var failure = Classify("lookup", attemptId.ToString(), exception, attempt, cancellationToken);

            // Whatever the failure, the lookup learned nothing: a rejected search is as unknown as an unreachable Stripe.
            return GatewayLookup.Unreachable(failure.Outcome == GatewayOutcome.NotSent ? GatewayOutcome.NotSent : GatewayOutcome.Unknown, failure.Message ?? "Stripe lookup failed.");
        }
    }

    // Stripe scopes idempotency keys to the account; our ids are unique per operation, so the id itself is the key.
    private static RequestOptions Keyed(Guid id) => new() { IdempotencyKey = id.ToString() };

    // Everything a call can throw once it started: mapped to a result, because any of it may follow a sent request.
    // Argument errors raised before the call (bugs) are not caught.
    private static bool IsCallFailure(Exception exception) => exception is not (ArgumentException or NullReferenceException);

    private async Task<GatewayResult> CallAsync(string operation, string reference, Func<CancellationToken, Task<GatewayResult>> call, CancellationToken cancellationToken)
    {
        // Canceled before anything was sent: the caller's own decision, reported the .NET way.
        cancellationToken.ThrowIfCancellationRequested();
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(connection.AttemptTimeout);
        try
        {
            var result = await call(attempt.Token).ConfigureAwait(false);
            if (result.Outcome == GatewayOutcome.Unknown)
            {
                logger.LogWarning(OutcomeLog, operation, result.Outcome, result.Code, reference);
            }

            return result;
        }
        catch (Exception exception) when (IsCallFailure(exception))
        {
            return Classify(operation, reference, exception, attempt, cancellationToken);
        }
    }

    private GatewayResult Classify(string operation, string reference, Exception exception, CancellationTokenSource attempt, CancellationToken callerToken)
    {
        var timedOut = attempt.IsCancellationRequested && !callerToken.IsCancellationRequested;
        var result = StripeFailureClassifier.Classify(exception, timedOut);
        if (result.Code == "unexpected_error")
        {
            // A bug or an SDK surprise: keep the exception for diagnosis. Stripe.net's exceptions never carry the key.
            logger.LogError(exception, OutcomeLog, operation, result.Outcome, result.Code, reference);
        }
        else if (result.Outcome is GatewayOutcome.Unknown or GatewayOutcome.NotSent)
        {
            logger.LogWarning(OutcomeLog, operation, result.Outcome, result.Code, reference);
        }

        return result;
    }
}
