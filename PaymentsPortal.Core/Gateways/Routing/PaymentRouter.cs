using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Gateways.Settings;
using PaymentsPortal.Core.Idempotency;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Gateways.Routing;

/// <summary>
/// Takes a payment through the merchant's gateways in order. It fails over only when the gateway provably did
/// not act (NotSent) or declined in a way another gateway may accept. Any other answer ends the walk: an
/// Unknown parks the payment for reconciliation, because a timeout does not mean "not charged".
/// </summary>
public sealed class PaymentRouter(
    IServiceScopeFactory scopes,
    GatewayAdapters adapters,
    GatewayCircuitBreakers breakers,
    MerchantGatewayChain chains,
    PaymentTimeline timeline,
    AttemptLog attempts,
    IdempotencyKeys idempotency,
    TimeProvider clock)
{
    public const string IdempotencyScope = "payment";

    /// <summary>The first look for a payment whose outcome is unknown.</summary>
    public static readonly TimeSpan FirstReconciliationDelay = TimeSpan.FromMinutes(1);

    private static readonly AuditActor RouterActor = AuditActor.System("payment router");

    /// <summary>
    /// How long a payment may stay in Processing before reconciliation takes it over: far longer than a walk of the chain
    /// can take (attempt timeouts are at most a minute each), so only a router that stopped (a crash, a restart) leaves one.
    /// </summary>
    public static readonly TimeSpan StalledAfter = TimeSpan.FromMinutes(10);

    public async Task<PayResult> PayAsync(PayCommand command, CancellationToken cancellationToken = default)
    {
        if (!IdempotencyKeys.IsValidKey(command.IdempotencyKey))
        {
            return PayResult.Rejected("An Idempotency-Key of 1 to 255 printable characters is required.");
        }

        if (!command.Amount.IsPositive)
        {
            return PayResult.Rejected("The amount must be greater than zero.");
        }

        await using var scope = scopes.CreateForMerchant(command.MerchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        // A failed save aborts the walk (nothing retries inside a transaction), so EF's savepoint around each save would only
        // cost two round trips.
        db.Database.AutoSavepointsEnabled = false;
        var chain = await chains.ForAsync(db, command.MerchantId, cancellationToken);
        var paymentId = Guid.CreateVersion7(clock.GetUtcNow());

        // The key's claim, the payment and its first attempt commit together, before any gateway is called: a failure in
        // between leaves nothing behind, and a duplicate request waits for that commit, then sees the key in progress.
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var claim = await idempotency.ClaimAsync(db, command.MerchantId, IdempotencyScope, command.IdempotencyKey,
            IdempotencyKeys.Fingerprint(command.Fingerprinted), paymentId, cancellationToken);
        switch (claim.Kind)
        {
            case IdempotencyClaimKind.Mismatch:
                return PayResult.Rejected("This Idempotency-Key was already used for a different payment request. Use a new key for a new payment.");
            case IdempotencyClaimKind.InProgress:
                return await InProgressAsync(db, claim.ResourceId, cancellationToken);
            case IdempotencyClaimKind.Replay:
                return JsonSerializer.Deserialize<PayResult>(claim.ResultJson!)! with { Kind = PayResultKind.Replayed };
        }

        if (command.Admission is { } admission && await admission.RefusalAsync(db, paymentId, cancellationToken) is { } refusal)
        {
            // Returning without a commit rolls the transaction back: the key is free again, and nothing of this request remains.
            return PayResult.Rejected(refusal);
        }

        var payment = await timeline.CreateAsync(db, new NewPayment(command.MerchantId, command.Amount, command.Token, command.CaptureImmediately,
            command.Description, command.CustomerEmail, paymentId, command.PaymentLinkId), command.Actor, command.Origin, cancellationToken);
        payment.NextReconciliationAt = clock.GetUtcNow() + StalledAfter;
        await timeline.MoveAsync(db, payment, PaymentStatus.Processing, RouterActor, Describe(chain), null, command.Origin, cancellationToken);
        return await RouteAsync(db, payment, chain, command.ReturnUrl, new IdempotencyTicket(command.MerchantId, command.IdempotencyKey), firstAttempt: 1, cancellationToken);
    }

    /// <summary>
    /// A duplicate of a request that has not recorded its result. Normally the first request is still at the gateway; if it
    /// stopped (a crash), reconciliation settles its payment, and the payment's current state is the honest answer.
    /// </summary>
    private static async Task<PayResult> InProgressAsync(PortalDbContext db, Guid paymentId, CancellationToken cancellationToken)
    {
        var payment = await db.Payments.AsNoTracking().SingleAsync(p => p.Id == paymentId, cancellationToken);
        return payment.Status is PaymentStatus.Created or PaymentStatus.Processing
            ? new PayResult(PayResultKind.InProgress, payment.Id, payment.Status, "A request with this Idempotency-Key is still being processed.")
            : new PayResult(PayResultKind.Replayed, payment.Id, payment.Status,
                "The original request with this Idempotency-Key was interrupted; this is the payment's current state.");
    }

    /// <summary>
    /// Tries <paramref name="chain"/> in order for a payment in Processing, joining the transaction the caller has open (it
    /// commits before the first gateway call). Reconciliation calls it with the gateways after the one that confirmed it
    /// holds no charge; the payment must be tracked by <paramref name="db"/>.
    /// </summary>
    internal async Task<PayResult> RouteAsync(
        PortalDbContext db, Payment payment, IReadOnlyList<GatewayConnection> chain, string? returnUrl, IdempotencyTicket? ticket, int? firstAttempt,
        CancellationToken cancellationToken)
    {
        // Attempts of one payment are made one at a time (its version serialises the moves), so the walk can count them itself.
        var number = firstAttempt ?? await AttemptLog.NextNumberAsync(db, payment, cancellationToken);
        string? lastDecline = null;
        foreach (var connection in chain)
        {
            var outcome = await TryGatewayAsync(db, payment, returnUrl, connection, ticket, number++, cancellationToken);
            if (outcome.Final is { } final)
            {
                return final;
            }

            lastDecline = outcome.Result?.Outcome == GatewayOutcome.Declined ? outcome.Result.Code : lastDecline;
        }

        // Every gateway was skipped, unreachable or declined retryably: provably no money moved anywhere.
        var reason = chain.Count == 0 ? "no gateway is configured for this merchant" : "no gateway could take the payment";
        return await FinishAsync(db, payment, PaymentStatus.Failed, reason, null, ticket, () => Completed(payment, reason, lastDecline), cancellationToken);
    }

    private async Task<(PayResult? Final, GatewayResult? Result)> TryGatewayAsync(
        PortalDbContext db, Payment payment, string? returnUrl, GatewayConnection connection, IdempotencyTicket? ticket, int number,
        CancellationToken cancellationToken)
    {
        if (adapters.For(connection) is not { } gateway)
        {
            await SkipAsync(db, payment, connection.Kind, "no_adapter", $"No adapter for {connection.Kind} is installed.", number, cancellationToken);
            return (null, null);
        }

        if (!gateway.CanCharge(payment.Token))
        {
            await SkipAsync(db, payment, connection.Kind, "token_not_usable",
                $"The card was tokenized by {payment.TokenIssuer}; its token cannot be charged on {connection.Kind}.", number, cancellationToken);
            return (null, null);
        }

        if (!gateway.CanSettle(payment.Amount.Currency))
        {
            await SkipAsync(db, payment, connection.Kind, "currency_not_supported",
                $"{connection.Kind} is not set up to settle {payment.CurrencyCode} for this merchant.", number, cancellationToken);
            return (null, null);
        }

        // The attempt is durable before the call: its id is the gateway's idempotency key and our way to look the charge up.
        await BeginUnlessOpenAsync(db, cancellationToken);
        var attempt = await attempts.StartAsync(db, payment, connection.Kind, AttemptOperation.Authorize, payment.AmountMinor, number, cancellationToken);
        await db.Database.CommitTransactionAsync(cancellationToken);

        var request = new AuthorizeRequest(attempt.Id, payment.MerchantId, payment.Id, payment.Amount, payment.Token, payment.CaptureImmediately,
            payment.Description, payment.CustomerEmail, returnUrl);
        var watch = Stopwatch.StartNew();
        var result = await breakers.ExecuteAsync(connection, token => gateway.AuthorizeAsync(request, token), cancellationToken);
        attempts.Complete(attempt, result, watch.Elapsed);
        return (await ApplyAsync(db, payment, connection, attempt, result, ticket, cancellationToken), result);
    }

    /// <summary>Stores the attempt's answer and the payment's move together; null means "try the next gateway".</summary>
    private async Task<PayResult?> ApplyAsync(
        PortalDbContext db, Payment payment, GatewayConnection connection, PaymentAttempt attempt, GatewayResult result, IdempotencyTicket? ticket,
        CancellationToken cancellationToken)
    {
        var name = connection.Kind.ToString();
        switch (result.Outcome)
        {
            case GatewayOutcome.Succeeded:
                payment.Gateway = connection.Kind;
                payment.GatewayReference = result.GatewayReference;
                SetCard(payment, result.Card);
                payment.CapturedMinor = payment.CaptureImmediately ? payment.AmountMinor : 0;
                var status = payment.CaptureImmediately ? PaymentStatus.Succeeded : PaymentStatus.Authorized;
                return await FinishAsync(db, payment, status, $"{(payment.CaptureImmediately ? "captured" : "authorized")} by {name}", attempt.Id, ticket,
                    () => Completed(payment, $"Paid through {name}."), cancellationToken);
            case GatewayOutcome.RequiresAction:
                payment.Gateway = connection.Kind;
                payment.GatewayReference = result.GatewayReference;
                return await FinishAsync(db, payment, PaymentStatus.RequiresAction, $"{name} asks the customer to authenticate", attempt.Id, ticket,
                    () => Completed(payment, "The customer must complete authentication.", nextAction: result.NextAction), cancellationToken);
            case GatewayOutcome.Declined when !result.RetryableElsewhere:
                return await FinishAsync(db, payment, PaymentStatus.Failed, $"declined by {name}: {result.Code}", attempt.Id, ticket,
                    () => Completed(payment, result.Message ?? "The card was declined.", result.Code), cancellationToken);
            case GatewayOutcome.Unknown:
                // Never "not charged": the gateway may hold a charge for this attempt. Reconciliation looks it up by the attempt id.
                payment.Gateway = connection.Kind;
                return await FinishAsync(db, payment, PaymentStatus.RequiresReconciliation,
                    $"{name} did not answer clearly ({result.Code}); checking with {name}", attempt.Id, ticket,
                    () => Completed(payment, "The payment's outcome is being confirmed with the gateway."), cancellationToken);
            default:
                // NotSent, or a decline another gateway may accept: record why, and go on in the same transaction as the next step.
                await BeginUnlessOpenAsync(db, cancellationToken);
                payment.FailedOver = true;
                await timeline.MoveAsync(db, payment, PaymentStatus.Processing, RouterActor, $"failing over: {name} {result.Outcome} ({result.Code})",
                    attempt.Id, null, cancellationToken);
                return null;
        }
    }

    /// <summary>
    /// The last move of a walk, with the Idempotency-Key's result, in one commit: a replay can never see a result the
    /// payment does not have. Only RequiresReconciliation keeps a reconciliation time; a settled payment needs none.
    /// </summary>
    private async Task<PayResult> FinishAsync(
        PortalDbContext db, Payment payment, PaymentStatus to, string reason, Guid? attemptId, IdempotencyTicket? ticket, Func<PayResult> result,
        CancellationToken cancellationToken)
    {
        await BeginUnlessOpenAsync(db, cancellationToken);
        payment.NextReconciliationAt = to == PaymentStatus.RequiresReconciliation ? clock.GetUtcNow() + FirstReconciliationDelay : null;
        await timeline.MoveAsync(db, payment, to, RouterActor, reason, attemptId, null, cancellationToken);
        var finished = result();
        if (ticket is { } key)
        {
            await idempotency.CompleteAsync(db, key.MerchantId, IdempotencyScope, key.Key, JsonSerializer.Serialize(finished), cancellationToken);
        }

        await db.Database.CommitTransactionAsync(cancellationToken);
        return finished;
    }

    private static async Task BeginUnlessOpenAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            await db.Database.BeginTransactionAsync(cancellationToken);
        }
    }

    private async Task SkipAsync(PortalDbContext db, Payment payment, GatewayKind gateway, string code, string message, int number, CancellationToken cancellationToken)
    {
        // No call is made, so nothing needs to be durable yet: the skip commits with whatever comes next.
        await BeginUnlessOpenAsync(db, cancellationToken);
        var skipped = await attempts.SkipAsync(db, payment, gateway, code, message, number, cancellationToken);
        await timeline.MoveAsync(db, payment, PaymentStatus.Processing, RouterActor, $"skipped {gateway}: {code}", skipped.Id, null, cancellationToken);
    }

    private static void SetCard(Payment payment, CardSummary? card)
    {
        if (card is null)
        {
            return;
        }

        payment.CardBrand = card.Brand;
        payment.CardLast4 = card.Last4;
        payment.CardExpiryMonth = card.ExpiryMonth;
        payment.CardExpiryYear = card.ExpiryYear;
    }

    private static PayResult Completed(Payment payment, string message, string? declineCode = null, string? nextAction = null) =>
        new(PayResultKind.Completed, payment.Id, payment.Status, message, declineCode, nextAction);

    private static string Describe(IReadOnlyList<GatewayConnection> chain) =>
        chain.Count == 0 ? "no gateway configured" : "gateways in order: " + string.Join(", ", chain.Select(c => c.Kind));
}

/// <summary>The caller's Idempotency-Key, completed in the same commit as the payment's last move.</summary>
internal sealed record IdempotencyTicket(Guid MerchantId, string Key);
