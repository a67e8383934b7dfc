using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Routing;
using PaymentsPortal.Core.Gateways.Settings;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Payments.Reconciliation;

/// <summary>
/// Settles payments whose gateway answer was lost, by asking that gateway what it holds for the attempt's id.
/// A charge found is a charge taken; "not found" is trusted only once the attempt is old enough that it can no
/// longer be in flight, and then the payment goes on to the next gateways. Whatever cannot be settled this way
/// goes to a person with the reason: a payment that may have been charged is never marked failed on a guess.
/// </summary>
public sealed class PaymentReconciliation(
    IServiceScopeFactory scopes,
    GatewayAdapters adapters,
    MerchantGatewayChain chains,
    PaymentTimeline timeline,
    AttemptLog attempts,
    PaymentRouter router,
    ChargeSettlement settlement,
    TimeProvider clock)
{
    /// <summary>When to look again after an unclear answer: 1 minute, 5 minutes, 1 hour, then daily.</summary>
    public static readonly IReadOnlyList<TimeSpan> Backoff = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromHours(1), TimeSpan.FromDays(1)];

    /// <summary>"Not found" is believed only for attempts older than this: a slow gateway may still commit a younger one.</summary>
    public static readonly TimeSpan NotFoundIsFinalAfter = TimeSpan.FromMinutes(10);

    /// <summary>After this many unclear lookups (about a week with the daily ones), a person decides.</summary>
    public const int MaxLookups = 10;

    private static readonly AuditActor Actor = AuditActor.System("reconciliation");

    /// <summary>
    /// Reconciles the payments that are due, oldest first, across merchants: those waiting for a lookup, and those the router
    /// left in Processing past <see cref="PaymentRouter.StalledAfter"/> (it stopped mid-walk). Returns how many it looked at.
    /// </summary>
    public async Task<int> ReconcileDueAsync(int limit, CancellationToken cancellationToken = default)
    {
        List<(Guid MerchantId, Guid Id)> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var now = clock.GetUtcNow();
            due = (await db.Payments.IgnoreQueryFilters().AsNoTracking()
                    .Where(p => (p.Status == PaymentStatus.RequiresReconciliation || p.Status == PaymentStatus.Processing) && p.NextReconciliationAt <= now)
                    .OrderBy(p => p.NextReconciliationAt)
                    .Take(limit)
                    .Select(p => new { p.MerchantId, p.Id })
                    .ToListAsync(cancellationToken))
                .Select(p => (p.MerchantId, p.Id)).ToList();
        }

        foreach (var (merchantId, id) in due)
        {
            try
            {
                await ReconcileAsync(merchantId, id, cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another writer (a webhook, a 3-D Secure follow-up) moved the payment while it was being looked up: that move
                // stands, and the rest of the batch goes on.
            }
        }

        return due.Count;
    }

    public async Task<ReconciliationResult> ReconcileAsync(Guid merchantId, Guid paymentId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateForMerchant(merchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var payment = await db.Payments.SingleOrDefaultAsync(p => p.Id == paymentId, cancellationToken);
        if (payment is { Status: PaymentStatus.Processing } && payment.NextReconciliationAt <= clock.GetUtcNow())
        {
            return await TakeOverStalledAsync(db, payment, cancellationToken);
        }

        if (payment is not { Status: PaymentStatus.RequiresReconciliation })
        {
            return ReconciliationResult.NothingToDo;
        }

        var unresolved = await UnresolvedAttemptAsync(db, paymentId, cancellationToken);
        var chain = await chains.ForAsync(db, merchantId, cancellationToken);
        var connection = chain.FirstOrDefault(c => c.Kind == unresolved?.Gateway);
        if (unresolved is null || connection is null || adapters.For(connection) is not { } gateway)
        {
            return await ReviewAsync(db, payment, unresolved is null
                ? "no attempt with an unknown outcome was found to look up"
                : $"{unresolved.Gateway} is no longer configured for this merchant, so the attempt cannot be looked up", cancellationToken);
        }

        var lookup = await LookUpAsync(db, payment, unresolved, gateway, cancellationToken);
        if (lookup.Outcome != GatewayOutcome.Succeeded)
        {
            return await RescheduleAsync(db, payment, $"{connection.Kind} could not be asked ({lookup.Message})", cancellationToken);
        }

        if (!lookup.Found)
        {
            if (clock.GetUtcNow() - unresolved.StartedAt < NotFoundIsFinalAfter)
            {
                return await RescheduleAsync(db, payment, $"{connection.Kind} holds no charge for attempt {unresolved.Number} yet; looking again", cancellationToken);
            }

            // Believed, but not blindly: the attempt is watched for a while, and a charge that shows up late is reversed.
            unresolved.State = AttemptState.Abandoned;
            unresolved.OrphanCheckAt = clock.GetUtcNow() + OrphanedCharges.Watch[0];
            payment.NextReconciliationAt = clock.GetUtcNow() + PaymentRouter.StalledAfter;
            payment.FailedOver = true;
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            await timeline.MoveAsync(db, payment, PaymentStatus.Processing, Actor,
                $"{connection.Kind} confirmed it holds no charge for attempt {unresolved.Number}", unresolved.Id, null, cancellationToken);
            var rest = chain.SkipWhile(c => c.Kind != connection.Kind).Skip(1).ToList();
            await router.RouteAsync(db, payment, rest, returnUrl: null, ticket: null, firstAttempt: null, cancellationToken);
            return ReconciliationResult.FailedOver;
        }

        return await SettleAsync(db, payment, unresolved, connection.Kind, lookup, cancellationToken);
    }

    /// <summary>
    /// The router stopped with the payment still in Processing. If an attempt may have reached a gateway, its answer is
    /// unknown like any lost reply; if every attempt so far provably moved no money, the payment fails.
    /// </summary>
    private async Task<ReconciliationResult> TakeOverStalledAsync(PortalDbContext db, Payment payment, CancellationToken cancellationToken)
    {
        var unresolved = await UnresolvedAttemptAsync(db, payment.Id, cancellationToken);
        if (unresolved is null)
        {
            payment.NextReconciliationAt = null;
            await MoveAsync(db, payment, PaymentStatus.Failed, "the router stopped between gateways; none of them was left holding a charge", null, cancellationToken);
            return ReconciliationResult.Settled;
        }

        payment.Gateway = unresolved.Gateway;
        payment.NextReconciliationAt = clock.GetUtcNow();
        await MoveAsync(db, payment, PaymentStatus.RequiresReconciliation,
            $"the router stopped before recording {unresolved.Gateway}'s answer to attempt {unresolved.Number}", unresolved.Id, cancellationToken);
        return await ReconcileAsync(payment.MerchantId, payment.Id, cancellationToken);
    }

    // The attempt whose answer is missing: still Pending (the router stopped mid-call), answered Unknown, or waiting for 3-D
    // Secure when the follow-up after the customer's challenge could not get a clear answer (AuthenticationFollowUp).
    private static Task<PaymentAttempt?> UnresolvedAttemptAsync(PortalDbContext db, Guid paymentId, CancellationToken cancellationToken) =>
        db.PaymentAttempts
            .Where(a => a.PaymentId == paymentId && a.Operation == AttemptOperation.Authorize && a.State != AttemptState.Abandoned
                && (a.State == AttemptState.Pending || a.Outcome == GatewayOutcome.Unknown || a.Outcome == GatewayOutcome.RequiresAction))
            .OrderByDescending(a => a.Number)
            .FirstOrDefaultAsync(cancellationToken);

    private async Task<ReconciliationResult> SettleAsync(
        PortalDbContext db, Payment payment, PaymentAttempt attempt, GatewayKind gateway, GatewayLookup lookup, CancellationToken cancellationToken)
    {
        var report = new ChargeReport(gateway, lookup.State!.Value, lookup.GatewayReference, lookup.Amount, attempt,
            $"{gateway} reports the charge {lookup.State} (attempt {attempt.Number})");
        if (!report.AmountDiffersFrom(payment) && ChargeSettlement.StatusFor(report.State) is null)
        {
            payment.Gateway = gateway;
            payment.GatewayReference = lookup.GatewayReference;
            payment.NextReconciliationAt = null;

            // Still processing: look again later. Refunded, or a state this code does not know: money moved in a way the
            // portal did not ask for.
            return report.State == GatewayChargeState.Processing
                ? await RescheduleAsync(db, payment, report.Found, cancellationToken)
                : await ReviewAsync(db, payment, report.Found + ", which the portal did not ask for", cancellationToken);
        }

        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var settled = await settlement.SettleAsync(db, payment, report, Actor, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return settled == PaymentStatus.RequiresReview ? ReconciliationResult.SentToReview : ReconciliationResult.Settled;
    }

    private async Task<GatewayLookup> LookUpAsync(PortalDbContext db, Payment payment, PaymentAttempt unresolved, IPaymentGateway gateway, CancellationToken cancellationToken)
    {
        var lookup = await attempts.LookUpAsync(db, payment, unresolved, gateway, cancellationToken);
        if (lookup is { Outcome: GatewayOutcome.Succeeded, Found: true })
        {
            // The unknown attempt now has its answer.
            unresolved.Outcome = GatewayOutcome.Succeeded;
            unresolved.State = AttemptState.Completed;
        }

        await db.SaveChangesAsync(cancellationToken);
        return lookup;
    }

    private async Task<ReconciliationResult> RescheduleAsync(PortalDbContext db, Payment payment, string reason, CancellationToken cancellationToken)
    {
        payment.ReconciliationAttempts++;
        if (payment.ReconciliationAttempts >= MaxLookups)
        {
            return await ReviewAsync(db, payment, $"{reason}; still unclear after {payment.ReconciliationAttempts} lookups", cancellationToken);
        }

        var next = clock.GetUtcNow() + Backoff[Math.Min(payment.ReconciliationAttempts, Backoff.Count) - 1];
        payment.NextReconciliationAt = next;
        await MoveAsync(db, payment, PaymentStatus.RequiresReconciliation, $"{reason}; next lookup at {next:u}", null, cancellationToken);
        return ReconciliationResult.Rescheduled;
    }

    private async Task<ReconciliationResult> ReviewAsync(PortalDbContext db, Payment payment, string reason, CancellationToken cancellationToken)
    {
        payment.ReviewReason = reason;
        payment.NextReconciliationAt = null;
        await MoveAsync(db, payment, PaymentStatus.RequiresReview, reason, null, cancellationToken);
        return ReconciliationResult.SentToReview;
    }

    private Task<PaymentEvent> MoveAsync(PortalDbContext db, Payment payment, PaymentStatus to, string reason, Guid? attemptId, CancellationToken cancellationToken) =>
        timeline.CommitMoveAsync(db, payment, to, Actor, reason, attemptId, cancellationToken);
}
