using System.Diagnostics;
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
/// Watches attempts the payment moved on from (<see cref="AttemptState.Abandoned"/>): the gateway said it held nothing
/// for them, but a slow commit or a lagging search index can still bring a charge to light. Such an orphan is money
/// taken for a payment that was failed or paid elsewhere, so it is given back: voided while only authorized, refunded
/// once captured. Every look and every reversal is an attempt on the payment, and every reversal is audited.
/// </summary>
public sealed class OrphanedCharges(
    IServiceScopeFactory scopes,
    GatewayAdapters adapters,
    MerchantGatewayChain chains,
    AttemptLog attempts,
    IAuditTrail trail,
    TimeProvider clock)
{
    /// <summary>The waits between looks for a late charge: an hour after the attempt is abandoned, a day later, a week later.</summary>
    public static readonly IReadOnlyList<TimeSpan> Watch = [TimeSpan.FromHours(1), TimeSpan.FromDays(1), TimeSpan.FromDays(7)];

    /// <summary>How long one sweep owns an attempt, so two app instances never reverse the same charge at once.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    /// <summary>When to look again at a charge still processing, or after a reversal that did not go through.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromHours(1);

    private static readonly AuditActor Actor = AuditActor.System("orphaned charges");

    /// <summary>Checks the watched attempts that are due, oldest first, across merchants. Returns how many it checked.</summary>
    public async Task<int> SweepDueAsync(int limit, CancellationToken cancellationToken = default)
    {
        List<(Guid MerchantId, Guid Id)> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var now = clock.GetUtcNow();
            due = (await db.PaymentAttempts.IgnoreQueryFilters().AsNoTracking()
                    .Where(a => a.OrphanCheckAt <= now)
                    .OrderBy(a => a.OrphanCheckAt)
                    .Take(limit)
                    .Select(a => new { a.MerchantId, a.Id })
                    .ToListAsync(cancellationToken))
                .Select(a => (a.MerchantId, a.Id)).ToList();
        }

        var checkedCount = 0;
        foreach (var (merchantId, id) in due)
        {
            checkedCount += await CheckAsync(merchantId, id, cancellationToken) == OrphanCheckResult.NotDue ? 0 : 1;
        }

        return checkedCount;
    }

    public async Task<OrphanCheckResult> CheckAsync(Guid merchantId, Guid attemptId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateForMerchant(merchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var now = clock.GetUtcNow();
        var attempt = await db.PaymentAttempts.SingleOrDefaultAsync(a => a.Id == attemptId && a.OrphanCheckAt <= now, cancellationToken);
        if (attempt is null || !await LeaseAsync(db, attempt, now, cancellationToken))
        {
            return OrphanCheckResult.NotDue;
        }

        var payment = await db.Payments.SingleAsync(p => p.Id == attempt.PaymentId, cancellationToken);
        var connection = (await chains.ForAsync(db, merchantId, cancellationToken)).FirstOrDefault(c => c.Kind == attempt.Gateway);
        if (connection is null || adapters.For(connection) is not { } gateway)
        {
            // Nothing can be asked any more; the audit entry tells a person which charge was not checked.
            attempt.OrphanCheckAt = null;
            await AuditAsync(db, payment, attempt, AuditAction.OrphanedChargeNotReversed, AuditOutcome.Failure,
                $"{attempt.Gateway} is no longer configured for this merchant, so attempt {attempt.Number} cannot be checked for a late charge", null,
                cancellationToken);
            return OrphanCheckResult.Unanswered;
        }

        var lookup = await attempts.LookUpAsync(db, payment, attempt, gateway, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (lookup.Outcome != GatewayOutcome.Succeeded)
        {
            await ScheduleNextAsync(db, attempt, cancellationToken);
            return OrphanCheckResult.Unanswered;
        }

        switch (lookup.State)
        {
            case null:
                await ScheduleNextAsync(db, attempt, cancellationToken);
                return OrphanCheckResult.NothingFound;
            case GatewayChargeState.Processing:
                attempt.OrphanCheckAt = clock.GetUtcNow() + RetryAfter;
                await db.SaveChangesAsync(cancellationToken);
                return OrphanCheckResult.Unanswered;
            case GatewayChargeState.Authorized or GatewayChargeState.RequiresAction or GatewayChargeState.Captured:
                return await ReverseAsync(db, payment, attempt, gateway, lookup, cancellationToken);
            default:
                // Failed, voided or already refunded: the gateway holds no money for it, so the watch is over.
                attempt.OrphanCheckAt = null;
                await db.SaveChangesAsync(cancellationToken);
                return OrphanCheckResult.NothingHeld;
        }
    }

    // Pushes the check time past the lease first, with the old value as the condition: of two sweeps, one wins.
    private static async Task<bool> LeaseAsync(PortalDbContext db, PaymentAttempt attempt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var seen = attempt.OrphanCheckAt;
        var leased = now + Lease;
        var won = await db.PaymentAttempts
            .Where(a => a.Id == attempt.Id && a.OrphanCheckAt == seen)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.OrphanCheckAt, leased), cancellationToken) == 1;
        attempt.OrphanCheckAt = leased;
        db.Entry(attempt).Property(a => a.OrphanCheckAt).IsModified = false;
        return won;
    }

    private async Task<OrphanCheckResult> ReverseAsync(
        PortalDbContext db, Payment payment, PaymentAttempt orphan, IPaymentGateway gateway, GatewayLookup lookup, CancellationToken cancellationToken)
    {
        var refund = lookup.State == GatewayChargeState.Captured;
        var amount = lookup.Amount ?? payment.Amount;
        var reversal = await attempts.StartAsync(db, payment, orphan.Gateway, refund ? AttemptOperation.Refund : AttemptOperation.Void,
            refund ? amount.MinorUnits : 0, cancellationToken);
        var watch = Stopwatch.StartNew();
        var result = refund
            ? await gateway.RefundAsync(new RefundRequest(reversal.Id, lookup.GatewayReference!, amount, "duplicate"), cancellationToken)
            : await gateway.VoidAsync(new VoidRequest(reversal.Id, lookup.GatewayReference!), cancellationToken);
        attempts.Complete(reversal, result, watch.Elapsed);

        var what = $"{orphan.Gateway} charge {lookup.GatewayReference} ({amount}, {lookup.State}) for attempt {orphan.Number}, " +
            $"found after the payment had moved on (it is {payment.Status})";
        if (result.Outcome == GatewayOutcome.Succeeded)
        {
            orphan.OrphanCheckAt = null;
            await AuditAsync(db, payment, orphan, AuditAction.OrphanedChargeReversed, AuditOutcome.Success,
                $"{what}: {(refund ? "refunded" : "voided")}", reversal, cancellationToken);
            return OrphanCheckResult.Reversed;
        }

        // Try again later; the next look sees whether the reversal happened after all (an Unknown may have gone through).
        orphan.OrphanCheckAt = clock.GetUtcNow() + RetryAfter;
        await AuditAsync(db, payment, orphan, AuditAction.OrphanedChargeNotReversed, AuditOutcome.Failure,
            $"{what}: the {(refund ? "refund" : "void")} did not go through ({result.Outcome}, {result.Code}); trying again", reversal, cancellationToken);
        return OrphanCheckResult.ReversalPending;
    }

    private async Task ScheduleNextAsync(PortalDbContext db, PaymentAttempt attempt, CancellationToken cancellationToken)
    {
        attempt.OrphanChecks++;
        attempt.OrphanCheckAt = attempt.OrphanChecks < Watch.Count ? clock.GetUtcNow() + Watch[attempt.OrphanChecks] : null;
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task AuditAsync(
        PortalDbContext db, Payment payment, PaymentAttempt orphan, AuditAction action, AuditOutcome outcome, string reason, PaymentAttempt? reversal,
        CancellationToken cancellationToken)
    {
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await trail.AppendAsync(db, new AuditRecord(payment.MerchantId, action, outcome, Actor, PaymentTimeline.AuditTargetType, payment.Id.ToString(), reason, new
        {
            attempt_id = orphan.Id,
            gateway = orphan.Gateway.ToString(),
            gateway_reference = orphan.GatewayReference,
            reversal_attempt_id = reversal?.Id,
            reversal = reversal?.Operation.ToString(),
            reversal_outcome = reversal?.Outcome?.ToString(),
            reversal_code = reversal?.Code,
        }), cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }
}

public enum OrphanCheckResult
{
    /// <summary>Not due, or another sweep has it.</summary>
    NotDue = 1,

    /// <summary>The gateway holds nothing for the attempt (yet); the next look is scheduled, or the watch is over.</summary>
    NothingFound = 2,

    /// <summary>The gateway has a record, but no money is held (failed, voided, refunded): the watch is over.</summary>
    NothingHeld = 3,

    /// <summary>A late charge was found and voided or refunded.</summary>
    Reversed = 4,

    /// <summary>A late charge was found but the reversal did not go through; it is tried again.</summary>
    ReversalPending = 5,

    /// <summary>The gateway could not be asked (or is still processing); it is asked again later.</summary>
    Unanswered = 6,
}
