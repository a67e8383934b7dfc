using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Payments.Refunds;
using PaymentsPortal.Core.Persistence;

namespace PaymentsPortal.Core.Gateways.Routing;

/// <summary>
/// Writes attempts: stored and committed before the gateway is called (its id is the gateway's idempotency key
/// or order id, and a crash mid-call leaves a Pending attempt for reconciliation to look up), completed after.
/// </summary>
public sealed class AttemptLog(TimeProvider clock)
{
    public async Task<PaymentAttempt> StartAsync(PortalDbContext db, Payment payment, GatewayKind gateway, AttemptOperation operation, long amountMinor, CancellationToken cancellationToken) =>
        await StartAsync(db, payment, gateway, operation, amountMinor, await NextNumberAsync(db, payment, cancellationToken), cancellationToken);

    /// <param name="number">The attempt's number when the caller already knows it (the router counts its own walk).</param>
    public async Task<PaymentAttempt> StartAsync(
        PortalDbContext db, Payment payment, GatewayKind gateway, AttemptOperation operation, long amountMinor, int number, CancellationToken cancellationToken)
    {
        var attempt = New(payment, gateway, operation, amountMinor, number, AttemptState.Pending);
        db.PaymentAttempts.Add(attempt);
        await db.SaveChangesAsync(cancellationToken);
        return attempt;
    }

    /// <summary>
    /// Stores and commits the attempt for one call made for <paramref name="refund"/>. Refunds of one payment can run at
    /// once, so the attempt's number is taken under the payment's row lock.
    /// </summary>
    public async Task<PaymentAttempt> StartRefundAsync(PortalDbContext db, Payment payment, Refund refund, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payment);
        ArgumentNullException.ThrowIfNull(refund);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        // Locked without loading: a tracked copy from before the gateway call would shadow the fresh one read to settle it.
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"SELECT 1 FROM payments WHERE merchant_id = {payment.MerchantId} AND id = {payment.Id} FOR UPDATE", cancellationToken);
        var attempt = New(payment, refund.Gateway, AttemptOperation.Refund, refund.AmountMinor, await NextNumberAsync(db, payment, cancellationToken),
            AttemptState.Pending, refund.Id);
        db.PaymentAttempts.Add(attempt);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return attempt;
    }

    /// <summary>Records a gateway that was passed over without a call: the token is not usable there, or its breaker is open.</summary>
    public async Task<PaymentAttempt> SkipAsync(
        PortalDbContext db, Payment payment, GatewayKind gateway, string code, string message, int number, CancellationToken cancellationToken)
    {
        var attempt = New(payment, gateway, AttemptOperation.Authorize, payment.AmountMinor, number, AttemptState.Skipped);
        attempt.Outcome = GatewayOutcome.NotSent;
        attempt.Code = code;
        attempt.Message = message;
        attempt.CompletedAt = attempt.StartedAt;
        attempt.LatencyMs = 0;
        db.PaymentAttempts.Add(attempt);
        await db.SaveChangesAsync(cancellationToken);
        return attempt;
    }

    /// <summary>
    /// Asks <paramref name="gateway"/> what it holds for <paramref name="charge"/> (by its id, our reference). The lookup is an
    /// attempt like any other: stored before the call and completed after, so it shows on the payment's page. A charge found
    /// gives <paramref name="charge"/> its reference and status; the caller saves.
    /// </summary>
    public async Task<GatewayLookup> LookUpAsync(PortalDbContext db, Payment payment, PaymentAttempt charge, IPaymentGateway gateway, CancellationToken cancellationToken)
    {
        var lookupAttempt = await StartAsync(db, payment, charge.Gateway, AttemptOperation.Lookup, 0, cancellationToken);
        var watch = Stopwatch.StartNew();
        var lookup = await gateway.LookupAsync(charge.Id, cancellationToken);
        Complete(lookupAttempt, new GatewayResult(lookup.Outcome, lookup.GatewayReference, lookup.Found ? lookup.State?.ToString() : "not_found", lookup.Message),
            watch.Elapsed);
        if (lookup is { Outcome: GatewayOutcome.Succeeded, Found: true })
        {
            charge.GatewayReference = lookup.GatewayReference;
            charge.GatewayStatus = lookup.State?.ToString();
        }

        return lookup;
    }

    /// <summary>Records the classified answer on the tracked attempt; the caller saves it with the payment's move.</summary>
    public void Complete(PaymentAttempt attempt, GatewayResult result, TimeSpan latency)
    {
        attempt.State = AttemptState.Completed;
        attempt.Outcome = result.Outcome;
        attempt.Code = Clip(result.Code, 200);
        attempt.Message = Clip(result.Message, 2000);
        attempt.GatewayReference = result.GatewayReference;
        attempt.GatewayStatus = Clip(result.Status, 50);
        attempt.CompletedAt = clock.GetUtcNow();
        attempt.LatencyMs = (int)Math.Min(int.MaxValue, latency.TotalMilliseconds);
    }

    private PaymentAttempt New(
        Payment payment, GatewayKind gateway, AttemptOperation operation, long amountMinor, int number, AttemptState state, Guid? refundId = null) => new()
    {
        RefundId = refundId,
        MerchantId = payment.MerchantId,
        Id = Guid.CreateVersion7(clock.GetUtcNow()),
        PaymentId = payment.Id,
        Number = number,
        Gateway = gateway,
        Operation = operation,
        AmountMinor = amountMinor,
        State = state,
        StartedAt = clock.GetUtcNow(),
    };

    // Attempts of one payment are made one at a time (the payment's version serialises its moves), so max + 1 is free;
    // the unique index on (merchant, payment, number) would refuse a second writer anyway.
    public static async Task<int> NextNumberAsync(PortalDbContext db, Payment payment, CancellationToken cancellationToken) =>
        (await db.PaymentAttempts.Where(a => a.MerchantId == payment.MerchantId && a.PaymentId == payment.Id)
            .MaxAsync(a => (int?)a.Number, cancellationToken) ?? 0) + 1;

    private static string? Clip(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
