using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Payments.Refunds;

/// <summary>What the refund parts of the workspace show: a payment's refunds and what is left, and the approvals queue.</summary>
public sealed class RefundQueries(IServiceScopeFactory scopes)
{
    public async Task<PaymentRefunds?> ForPaymentAsync(Guid merchantId, Guid paymentId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateForMerchant(merchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == paymentId, cancellationToken);
        if (payment is null)
        {
            return null;
        }

        var refunds = await db.Refunds.AsNoTracking().Where(r => r.PaymentId == paymentId).OrderBy(r => r.RequestedAt).ToListAsync(cancellationToken);
        var threshold = await db.RefundApprovalThresholds.AsNoTracking().SingleOrDefaultAsync(t => t.CurrencyCode == payment.CurrencyCode, cancellationToken);
        var refundable = payment.Status is PaymentStatus.Succeeded or PaymentStatus.PartiallyRefunded && payment.Gateway is not null;
        var remaining = refundable ? await RefundLedger.RemainingAsync(db, payment, cancellationToken) : Money.Zero(payment.Amount.Currency);
        return new PaymentRefunds(payment.Id, payment.Amount, remaining, threshold?.Threshold, refunds);
    }

    /// <summary>Refunds waiting for an Admin, oldest first, with the payment each is for.</summary>
    public async Task<IReadOnlyList<Refund>> PendingApprovalAsync(Guid merchantId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateForMerchant(merchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.Refunds.AsNoTracking().Where(r => r.Status == RefundStatus.PendingApproval).OrderBy(r => r.RequestedAt).ToListAsync(cancellationToken);
    }
}

/// <param name="Threshold">Refunds above this need approval; null when the currency has none (every refund does).</param>
public sealed record PaymentRefunds(Guid PaymentId, Money Amount, Money Remaining, Money? Threshold, IReadOnlyList<Refund> Refunds)
{
    public bool NeedsApproval(Money amount) => Threshold is not { } threshold || amount > threshold;
}
