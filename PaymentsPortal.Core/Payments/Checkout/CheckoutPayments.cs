using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Gateways.Routing;
using PaymentsPortal.Core.Idempotency;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Payments.Checkout;

/// <summary>
/// What every checkout (the virtual terminal, a payment link's page) tells the browser about a payment: the router's
/// answer as a <see cref="CheckoutOutcome"/>, and, for a reloaded page, the outcome of the payment its key started.
/// </summary>
public sealed class CheckoutPayments(IServiceScopeFactory scopes)
{
    public async Task<CheckoutOutcome> OutcomeOfAsync(Guid merchantId, PayResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result switch
        {
            { Kind: PayResultKind.Rejected } => CheckoutOutcome.Refused(result.Message),
            { Kind: PayResultKind.InProgress, PaymentId: { } id } => new CheckoutOutcome(CheckoutStage.InProgress, id, result.Status, "The payment is being processed."),
            { Kind: PayResultKind.Completed, PaymentId: { } id, Status: { } status } => CheckoutOutcome.Of(id, status, result),

            // A replay returns the first request's result; the payment may have moved on since (3-D Secure, reconciliation).
            { PaymentId: { } id } => await CurrentAsync(merchantId, id, result, cancellationToken) ?? CheckoutOutcome.Refused(result.Message),
            _ => CheckoutOutcome.Refused(result.Message),
        };
    }

    /// <summary>
    /// What became of the checkout with <paramref name="key"/>: null while the key was never used (the form was opened but
    /// not paid), otherwise the outcome of the payment it started, from the payment's current status. With
    /// <paramref name="paymentLinkId"/>, only a payment made through that link is found.
    /// </summary>
    public async Task<CheckoutOutcome?> FindAsync(Guid merchantId, string key, Guid? paymentLinkId, CancellationToken cancellationToken)
    {
        if (!IdempotencyKeys.IsValidKey(key))
        {
            return null;
        }

        await using var scope = scopes.CreateForMerchant(merchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var record = await db.IdempotencyRecords.AsNoTracking()
            .Where(r => r.MerchantId == merchantId && r.Scope == PaymentRouter.IdempotencyScope && r.Key == key)
            .Select(r => new { r.ResourceId, r.ResultJson })
            .SingleOrDefaultAsync(cancellationToken);
        if (record is null)
        {
            return null;
        }

        var recorded = record.ResultJson is null ? null : JsonSerializer.Deserialize<PayResult>(record.ResultJson);
        var status = await db.Payments.AsNoTracking()
            .Where(p => p.Id == record.ResourceId && (paymentLinkId == null || p.PaymentLinkId == paymentLinkId))
            .Select(p => (PaymentStatus?)p.Status)
            .SingleOrDefaultAsync(cancellationToken);
        return status is { } current ? CheckoutOutcome.Of(record.ResourceId, current, recorded) : null;
    }

    private async Task<CheckoutOutcome?> CurrentAsync(Guid merchantId, Guid paymentId, PayResult recorded, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateForMerchant(merchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var status = await db.Payments.AsNoTracking().Where(p => p.Id == paymentId).Select(p => (PaymentStatus?)p.Status).SingleOrDefaultAsync(cancellationToken);
        return status is { } current ? CheckoutOutcome.Of(paymentId, current, recorded) : null;
    }
}
