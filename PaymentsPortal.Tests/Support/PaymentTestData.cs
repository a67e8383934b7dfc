using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Tests.Support;

/// <summary>Payments written the way the router writes them, without a gateway: for tests of what the pages show.</summary>
public static class PaymentTestData
{
    public static readonly AuditActor Router = AuditActor.System("payment router");

    /// <summary>
    /// A payment that failed over: Stripe refused the connection (attempt 1, NotSent) and Braintree captured it (attempt 2).
    /// Every move goes through <see cref="PaymentTimeline"/>, so it has its timeline events and audit entries too.
    /// </summary>
    public static async Task<Guid> FailedOverAsync(
        IServiceProvider services, string appConnectionString, Guid merchantId, Money amount, string? customerEmail, string? description)
    {
        var timeline = services.GetRequiredService<PaymentTimeline>();
        await using var db = CoreHost.CreateContext(appConnectionString, new FixedTenantScope(merchantId));
        await using var tx = await db.Database.BeginTransactionAsync();
        var payment = await timeline.CreateAsync(db, new NewPayment(merchantId, amount, new PaymentToken(GatewayKind.Braintree, "fake-valid-nonce"),
            CaptureImmediately: true, description, customerEmail), Router, null, CancellationToken.None);
        await timeline.MoveAsync(db, payment, PaymentStatus.Processing, Router, "Stripe, then Braintree", null, null, CancellationToken.None);

        var stripe = Attempt(payment, 1, GatewayKind.Stripe, AttemptState.Completed, GatewayOutcome.NotSent, "connection_refused", 3);
        db.PaymentAttempts.Add(stripe);
        await db.SaveChangesAsync();
        await timeline.MoveAsync(db, payment, PaymentStatus.Processing, Router, "Stripe was not reached (connection_refused); trying Braintree",
            stripe.Id, null, CancellationToken.None);

        var braintree = Attempt(payment, 2, GatewayKind.Braintree, AttemptState.Completed, GatewayOutcome.Succeeded, null, 184);
        braintree.GatewayReference = "bt_txn_0042";
        db.PaymentAttempts.Add(braintree);
        payment.Gateway = GatewayKind.Braintree;
        payment.GatewayReference = braintree.GatewayReference;
        payment.CardBrand = "visa";
        payment.CardLast4 = "1881";
        payment.CardExpiryMonth = 3;
        payment.CardExpiryYear = 2030;
        payment.CapturedMinor = amount.MinorUnits;
        payment.NextReconciliationAt = null;
        await timeline.MoveAsync(db, payment, PaymentStatus.Succeeded, Router, null, braintree.Id, null, CancellationToken.None);
        await tx.CommitAsync();
        return payment.Id;
    }

    private static PaymentAttempt Attempt(Payment payment, int number, GatewayKind gateway, AttemptState state, GatewayOutcome outcome, string? code, int latencyMs)
    {
        var started = payment.CreatedAt.AddMilliseconds(number * 200);
        return new PaymentAttempt
        {
            MerchantId = payment.MerchantId,
            Id = Guid.CreateVersion7(started),
            PaymentId = payment.Id,
            Number = number,
            Gateway = gateway,
            Operation = AttemptOperation.Authorize,
            AmountMinor = payment.AmountMinor,
            State = state,
            Outcome = outcome,
            Code = code,
            StartedAt = started,
            CompletedAt = started.AddMilliseconds(latencyMs),
            LatencyMs = latencyMs,
        };
    }
}
