using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Routing;
using PaymentsPortal.Core.Gateways.Settings;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Payments.Checkout;

/// <summary>
/// Moves a payment on once the customer has been through 3-D Secure in the browser. The browser's word is never taken:
/// the gateway is asked what it holds for the attempt that asked for authentication (the lookup is itself a recorded
/// attempt), and the payment moves to what the gateway says. An unclear answer parks it for reconciliation, which looks
/// the same attempt up again later; nothing is ever marked failed on a guess.
/// </summary>
public sealed class AuthenticationFollowUp(
    IServiceScopeFactory scopes, GatewayAdapters adapters, MerchantGatewayChain chains, AttemptLog attempts, PaymentTimeline timeline, TimeProvider clock)
{
    private static readonly AuditActor Actor = AuditActor.System("3-D Secure follow-up");

    public async Task<CheckoutOutcome> ConfirmAsync(Guid merchantId, Guid paymentId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateForMerchant(merchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var payment = await db.Payments.SingleOrDefaultAsync(p => p.Id == paymentId, cancellationToken);
        if (payment is null)
        {
            return CheckoutOutcome.Refused("No such payment.");
        }

        // Asked twice (a double click, a reload after the challenge): the first answer already moved the payment.
        if (payment.Status != PaymentStatus.RequiresAction)
        {
            return CheckoutOutcome.Of(payment.Id, payment.Status, null);
        }

        var challenged = await db.PaymentAttempts
            .Where(a => a.PaymentId == paymentId && a.Operation == AttemptOperation.Authorize && a.Outcome == GatewayOutcome.RequiresAction)
            .OrderByDescending(a => a.Number)
            .FirstOrDefaultAsync(cancellationToken);
        var chain = await chains.ForAsync(db, merchantId, cancellationToken);
        var connection = chain.FirstOrDefault(c => c.Kind == challenged?.Gateway);
        if (challenged is null || connection is null || adapters.For(connection) is not { } gateway)
        {
            return await ParkAsync(db, payment, "the gateway that asked for authentication cannot be asked now", null, cancellationToken);
        }

        var lookup = await attempts.LookUpAsync(db, payment, challenged, gateway, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var gatewayName = connection.Kind.ToString();
        if (lookup is not { Outcome: GatewayOutcome.Succeeded, Found: true, State: { } state })
        {
            var why = lookup.Outcome == GatewayOutcome.Succeeded
                ? $"{gatewayName} does not show the charge yet"
                : $"{gatewayName} could not be asked ({lookup.Message})";
            return await ParkAsync(db, payment, why, challenged.Id, cancellationToken);
        }

        if (lookup.Amount is { } amount && amount != payment.Amount)
        {
            return await ParkAsync(db, payment, $"{gatewayName} holds {amount}, but the payment is for {payment.Amount}", challenged.Id, cancellationToken);
        }

        payment.GatewayReference = lookup.GatewayReference ?? payment.GatewayReference;
        var found = $"after authentication {gatewayName} reports the charge {state}";
        return state switch
        {
            GatewayChargeState.Captured => await SettleAsync(db, payment, PaymentStatus.Succeeded, found, challenged.Id, cancellationToken),
            GatewayChargeState.Authorized => await SettleAsync(db, payment, PaymentStatus.Authorized, found, challenged.Id, cancellationToken),
            GatewayChargeState.Failed => await SettleAsync(db, payment, PaymentStatus.Failed, found, challenged.Id, cancellationToken),
            GatewayChargeState.Voided => await SettleAsync(db, payment, PaymentStatus.Canceled, found, challenged.Id, cancellationToken),

            // The customer has not finished (closed the challenge, or it is still open in another tab): nothing moves.
            GatewayChargeState.RequiresAction => new CheckoutOutcome(CheckoutStage.NeedsAuthentication, payment.Id, payment.Status,
                "The customer has not completed 3-D Secure yet."),
            _ => await ParkAsync(db, payment, found, challenged.Id, cancellationToken),
        };
    }

    private async Task<CheckoutOutcome> SettleAsync(
        PortalDbContext db, Payment payment, PaymentStatus to, string reason, Guid attemptId, CancellationToken cancellationToken)
    {
        if (to == PaymentStatus.Succeeded)
        {
            payment.CapturedMinor = payment.AmountMinor;
        }

        return await MoveAsync(db, payment, to, reason, attemptId, cancellationToken);
    }

    // Reconciliation takes it from here: it looks the challenged attempt up on its schedule and settles or reviews it.
    private Task<CheckoutOutcome> ParkAsync(PortalDbContext db, Payment payment, string why, Guid? attemptId, CancellationToken cancellationToken)
    {
        payment.NextReconciliationAt = clock.GetUtcNow() + PaymentRouter.FirstReconciliationDelay;
        return MoveAsync(db, payment, PaymentStatus.RequiresReconciliation, $"after authentication {why}; confirming later", attemptId, cancellationToken);
    }

    private async Task<CheckoutOutcome> MoveAsync(
        PortalDbContext db, Payment payment, PaymentStatus to, string reason, Guid? attemptId, CancellationToken cancellationToken)
    {
        try
        {
            await timeline.CommitMoveAsync(db, payment, to, Actor, reason, attemptId, cancellationToken);
            return CheckoutOutcome.Of(payment.Id, payment.Status, null);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another follow-up (a second tab, a retried request) moved the payment first: its move stands, so say where it is.
            await using var scope = scopes.CreateForMerchant(payment.MerchantId);
            var fresh = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var status = await fresh.Payments.AsNoTracking().Where(p => p.Id == payment.Id).Select(p => p.Status).SingleAsync(cancellationToken);
            return CheckoutOutcome.Of(payment.Id, status, null);
        }
    }
}
