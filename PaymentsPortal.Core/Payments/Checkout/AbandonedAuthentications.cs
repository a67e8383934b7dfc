using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Routing;
using PaymentsPortal.Core.Gateways.Settings;
using PaymentsPortal.Core.Payments.Reconciliation;
using PaymentsPortal.Core.Payments.Refunds;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Payments.Checkout;

/// <summary>
/// Ends payments whose customer never finished 3-D Secure. It asks the gateway first, because the customer may have finished
/// after all and only the webhook was lost: then the payment settles on what the gateway holds. A payment still waiting is
/// canceled at the gateway, and moved to Canceled only once the gateway confirmed it, so a payment that could still be charged is
/// never recorded as not charged; a cancel that did not go through is tried again on the next run, which looks first again.
/// </summary>
public sealed class AbandonedAuthentications(
    IServiceScopeFactory scopes,
    GatewayAdapters adapters,
    MerchantGatewayChain chains,
    AttemptLog attempts,
    ChargeSettlement settlement,
    PaymentTimeline timeline,
    IOptions<CheckoutOptions> options,
    TimeProvider clock)
{
    private static readonly AuditActor Actor = AuditActor.System("authentication-expiry");

    /// <summary>Expires up to <paramref name="limit"/> payments that waited longer than the timeout, oldest first, across merchants.</summary>
    public async Task<int> ExpireDueAsync(int limit, CancellationToken cancellationToken = default)
    {
        List<(Guid MerchantId, Guid Id)> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var cutoff = clock.GetUtcNow() - options.Value.AuthenticationTimeout;
            due = (await db.Payments.IgnoreQueryFilters().AsNoTracking()
                    .Where(p => p.Status == PaymentStatus.RequiresAction && p.UpdatedAt <= cutoff)
                    .OrderBy(p => p.UpdatedAt)
                    .Take(limit)
                    .Select(p => new { p.MerchantId, p.Id })
                    .ToListAsync(cancellationToken))
                .Select(p => (p.MerchantId, p.Id)).ToList();
        }

        var expired = 0;
        foreach (var (merchantId, id) in due)
        {
            try
            {
                expired += await ExpireAsync(merchantId, id, cancellationToken) is AuthenticationExpiry.Canceled or AuthenticationExpiry.Settled ? 1 : 0;
            }
            catch (DbUpdateConcurrencyException)
            {
                // The customer's follow-up or a webhook moved the payment meanwhile: that move stands.
            }
        }

        return expired;
    }

    public async Task<AuthenticationExpiry> ExpireAsync(Guid merchantId, Guid paymentId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateForMerchant(merchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var payment = await db.Payments.SingleOrDefaultAsync(p => p.Id == paymentId, cancellationToken);
        var cutoff = clock.GetUtcNow() - options.Value.AuthenticationTimeout;
        if (payment is not { Status: PaymentStatus.RequiresAction } || payment.UpdatedAt > cutoff)
        {
            return AuthenticationExpiry.NothingToDo;
        }

        var waiting = await db.PaymentAttempts
            .Where(a => a.PaymentId == paymentId && a.Operation == AttemptOperation.Authorize && a.Outcome == GatewayOutcome.RequiresAction)
            .OrderByDescending(a => a.Number)
            .FirstOrDefaultAsync(cancellationToken);
        var connection = waiting is null ? null : (await chains.ForAsync(db, merchantId, cancellationToken)).FirstOrDefault(c => c.Kind == waiting.Gateway);
        if (waiting is null || connection is null || adapters.For(connection) is not { } gateway)
        {
            return AuthenticationExpiry.LeftForNow;
        }

        var lookup = await attempts.LookUpAsync(db, payment, waiting, gateway, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (lookup is not { Outcome: GatewayOutcome.Succeeded, Found: true, State: { } state })
        {
            return AuthenticationExpiry.LeftForNow;
        }

        if (state != GatewayChargeState.RequiresAction)
        {
            return await SettleAsync(db, payment, waiting, gateway.Kind, lookup, state, cancellationToken);
        }

        var cancel = await attempts.StartAsync(db, payment, gateway.Kind, AttemptOperation.Void, 0, cancellationToken);
        var watch = Stopwatch.StartNew();
        var result = await gateway.VoidAsync(new VoidRequest(cancel.Id, lookup.GatewayReference ?? waiting.GatewayReference!), cancellationToken);
        attempts.Complete(cancel, result, watch.Elapsed);
        if (result.Outcome != GatewayOutcome.Succeeded)
        {
            await db.SaveChangesAsync(cancellationToken);
            return AuthenticationExpiry.LeftForNow;
        }

        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await RefundLedger.LockPaymentAsync(db, merchantId, paymentId, cancellationToken);
        await timeline.MoveAsync(db, payment, PaymentStatus.Canceled, Actor,
            $"3-D Secure was not completed within {Hours(options.Value.AuthenticationTimeout)}; canceled at {gateway.Kind}", waiting.Id, null, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return AuthenticationExpiry.Canceled;
    }

    // The customer did finish (or the gateway ended it), and the portal missed the news: settle as reconciliation would.
    private async Task<AuthenticationExpiry> SettleAsync(
        PortalDbContext db, Payment payment, PaymentAttempt waiting, GatewayKind gateway, GatewayLookup lookup, GatewayChargeState state, CancellationToken cancellationToken)
    {
        var found = $"{gateway} reports the charge {state} (attempt {waiting.Number}), after the wait for 3-D Secure";
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await RefundLedger.LockPaymentAsync(db, payment.MerchantId, payment.Id, cancellationToken);
        if (ChargeSettlement.StatusFor(state) is null)
        {
            if (state == GatewayChargeState.Processing)
            {
                return AuthenticationExpiry.LeftForNow;
            }

            await settlement.ReviewAsync(db, payment, found + ", which the portal did not ask for", Actor, cancellationToken);
        }
        else
        {
            await settlement.SettleAsync(db, payment, new ChargeReport(gateway, state, lookup.GatewayReference, lookup.Amount, waiting, found), Actor, cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        return AuthenticationExpiry.Settled;
    }

    private static string Hours(TimeSpan timeout) =>
        timeout.TotalHours >= 1 && timeout.TotalHours == Math.Floor(timeout.TotalHours)
            ? $"{timeout.TotalHours:0} h"
            : $"{timeout.TotalMinutes:0} min";
}

public enum AuthenticationExpiry
{
    NothingToDo = 1,

    /// <summary>Canceled at the gateway, then in the portal.</summary>
    Canceled = 2,

    /// <summary>The gateway held another state (the customer finished after all): settled on it.</summary>
    Settled = 3,

    /// <summary>The gateway could not be asked, or the cancel did not go through: the next run tries again.</summary>
    LeftForNow = 4,
}
