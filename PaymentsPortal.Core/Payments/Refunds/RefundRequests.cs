using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Common;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Payments.Refunds;

/// <summary>
/// Asks for a refund. Up to the merchant's threshold for the currency it goes to the gateway at once; above it, it waits
/// for approval. The payment row is locked while the amount is checked against what remains, so two refunds racing for
/// the last of it cannot both be accepted.
/// </summary>
public sealed class RefundRequests(IServiceScopeFactory scopes, RefundLedger ledger, RefundExecutor executor, TimeProvider clock)
{
    public const int KeyMaxLength = 100;

    public async Task<CommandResult<RefundOutcome>> RequestAsync(UserAccess access, NewRefund request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(request);
        if (access.Current is not { } merchant || !access.Has(Permission.RefundsRequest))
        {
            return CommandResult.Failure<RefundOutcome>("Your role cannot refund payments.");
        }

        var reason = request.Reason?.Trim();
        var invalid = Validate(request, reason);
        if (invalid is not null)
        {
            return CommandResult.Failure<RefundOutcome>(invalid);
        }

        var by = access.AsActor();
        Refund refund;
        await using (var scope = scopes.CreateForMerchant(merchant.MerchantId))
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var replay = await ReplayAsync(db, request, cancellationToken);
            if (replay is not null)
            {
                return replay;
            }

            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            var payment = await RefundLedger.LockPaymentAsync(db, merchant.MerchantId, request.PaymentId, cancellationToken);
            var refusal = payment is null ? "No such payment." : await RefusalAsync(db, payment, request.Amount, cancellationToken);
            if (refusal is not null)
            {
                return CommandResult.Failure<RefundOutcome>(refusal);
            }

            var threshold = await db.RefundApprovalThresholds.AsNoTracking()
                .SingleOrDefaultAsync(t => t.CurrencyCode == request.Amount.Currency.Code, cancellationToken);
            var needsApproval = threshold is null || request.Amount.MinorUnits > threshold.ThresholdMinor;
            var now = clock.GetUtcNow();
            refund = Refund.Create(payment!, Guid.CreateVersion7(now), request.Amount, reason!, request.IdempotencyKey, by.UserId, by.DisplayName, needsApproval, now);
            db.Refunds.Add(refund);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException error) when (UniqueViolation.Is(error))
            {
                // The same key, sent twice at once: the other request made the refund.
                await tx.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return await ReplayAsync(db, request, cancellationToken) ?? throw new InvalidOperationException("The refund key clashed but no refund carries it.", error);
            }

            await ledger.AuditAsync(db, refund, AuditAction.RefundRequested, AuditOutcome.Success, by.Actor, reason, by.Origin, cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }

        return refund.Status == RefundStatus.Processing
            ? CommandResult.Returning(await executor.ExecuteAsync(refund.MerchantId, refund.Id, by.Actor, cancellationToken))
            : CommandResult.Returning(RefundOutcome.Of(refund));
    }

    private static string? Validate(NewRefund request, string? reason)
    {
        if (string.IsNullOrWhiteSpace(request.IdempotencyKey) || request.IdempotencyKey.Length > KeyMaxLength)
        {
            return "The refund form lost its key; reopen it.";
        }

        if (!request.Amount.IsPositive)
        {
            return "Enter an amount above zero.";
        }

        if (string.IsNullOrEmpty(reason))
        {
            return "Give a reason; the customer's bank and the audit trail keep it.";
        }

        return reason.Length > Refund.ReasonMaxLength ? $"Keep the reason under {Refund.ReasonMaxLength} characters." : null;
    }

    private static async Task<string?> RefusalAsync(PortalDbContext db, Payments.Payment payment, Money amount, CancellationToken cancellationToken)
    {
        if (payment.Status is not (PaymentStatus.Succeeded or PaymentStatus.PartiallyRefunded) || payment.Gateway is null || payment.GatewayReference is null)
        {
            return $"Only a captured payment can be refunded; this one is {payment.Status}.";
        }

        if (amount.Currency.Code != payment.CurrencyCode)
        {
            return $"A refund is in the payment's currency, {payment.CurrencyCode}.";
        }

        var remaining = await RefundLedger.RemainingAsync(db, payment, cancellationToken);
        return amount > remaining
            ? remaining.IsPositive ? $"At most {remaining} can still be refunded (refunds waiting or in flight count)." : "Nothing is left to refund on this payment."
            : null;
    }

    private static async Task<CommandResult<RefundOutcome>?> ReplayAsync(PortalDbContext db, NewRefund request, CancellationToken cancellationToken)
    {
        var earlier = await db.Refunds.AsNoTracking().SingleOrDefaultAsync(r => r.IdempotencyKey == request.IdempotencyKey, cancellationToken);
        if (earlier is null)
        {
            return null;
        }

        return earlier.PaymentId == request.PaymentId && earlier.Amount == request.Amount
            ? CommandResult.Returning(RefundOutcome.Of(earlier, replayed: true))
            : CommandResult.Failure<RefundOutcome>("This refund form was already used for a different refund; reopen it.");
    }
}
