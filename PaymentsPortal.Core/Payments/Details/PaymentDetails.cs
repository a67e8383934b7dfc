using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Payments.Details;

/// <summary>
/// Reads one payment of one merchant with its timeline and attempts, for the payment page. A payment of another merchant
/// is not found, exactly like one that does not exist: the page cannot tell them apart, so neither can its user.
/// Callers decide who may read which merchant.
/// </summary>
public sealed class PaymentDetails(IServiceScopeFactory scopes)
{
    public async Task<PaymentDetail?> FindAsync(Guid merchantId, Guid paymentId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateForMerchant(merchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var payment = await db.Payments.AsNoTracking()
            .SingleOrDefaultAsync(p => p.MerchantId == merchantId && p.Id == paymentId, cancellationToken);
        if (payment is null)
        {
            return null;
        }

        var attempts = await db.PaymentAttempts.AsNoTracking()
            .Where(a => a.MerchantId == merchantId && a.PaymentId == paymentId)
            .OrderBy(a => a.Number)
            .ToListAsync(cancellationToken);
        var events = await db.PaymentEvents.AsNoTracking()
            .Where(e => e.MerchantId == merchantId && e.PaymentId == paymentId)
            .OrderBy(e => e.Sequence)
            .ToListAsync(cancellationToken);

        var numbers = attempts.ToDictionary(a => a.Id, a => a.Number);
        return new PaymentDetail(
            payment.Id, payment.Status, payment.Amount, payment.CapturedMinor, payment.RefundedMinor, payment.CaptureImmediately,
            payment.Description, payment.CustomerEmail, payment.Gateway, payment.GatewayReference, payment.CardBrand, payment.CardLast4,
            payment.CardExpiryMonth, payment.CardExpiryYear, payment.ReviewReason, payment.CreatedAt, payment.UpdatedAt,
            [.. events.Select(e => new PaymentTimelineEntry(e.Sequence, e.OccurredAt, e.FromStatus, e.ToStatus, e.Actor, e.Reason,
                e.AttemptId is { } attempt && numbers.TryGetValue(attempt, out var number) ? number : null))],
            [.. attempts.Select(a => new PaymentAttemptEntry(a.Number, a.Gateway, a.Operation, a.AmountMinor, a.State, a.Outcome, a.Code,
                a.Message, a.GatewayReference, a.StartedAt, a.CompletedAt, a.LatencyMs))]);
    }
}
