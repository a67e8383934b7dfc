using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Common;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Payments.Refunds;

/// <summary>
/// Decisions on a refund that waits for approval: an Admin who did not ask for it approves (then it is sent) or rejects
/// it; the requester may withdraw it. The payment and the refund are locked, so two people deciding at once cannot both
/// win. The page asks for step-up before it calls <see cref="ApproveAsync"/>.
/// </summary>
public sealed class RefundDecisions(IServiceScopeFactory scopes, RefundLedger ledger, RefundExecutor executor, TimeProvider clock)
{
    public const int NoteMaxLength = 500;

    public async Task<CommandResult<RefundOutcome>> ApproveAsync(UserAccess access, Guid refundId, string? note, CancellationToken cancellationToken = default)
    {
        var decided = await DecideAsync(access, refundId, note, Permission.RefundsApprove, RefundStatus.Processing, AuditAction.RefundApproved, cancellationToken);
        return decided is { Succeeded: true, Value: { Status: RefundStatus.Processing } approved }
            ? CommandResult.Returning(await executor.ExecuteAsync(access.Current!.MerchantId, approved.RefundId, access.AsActor().Actor, cancellationToken))
            : decided;
    }

    public Task<CommandResult<RefundOutcome>> RejectAsync(UserAccess access, Guid refundId, string? reason, CancellationToken cancellationToken = default) =>
        string.IsNullOrWhiteSpace(reason)
            ? Task.FromResult(CommandResult.Failure<RefundOutcome>("Give a reason; the requester and the audit trail will see it."))
            : DecideAsync(access, refundId, reason, Permission.RefundsApprove, RefundStatus.Rejected, AuditAction.RefundRejected, cancellationToken);

    /// <summary>The requester takes back a refund nobody decided on yet.</summary>
    public Task<CommandResult<RefundOutcome>> CancelAsync(UserAccess access, Guid refundId, CancellationToken cancellationToken = default) =>
        DecideAsync(access, refundId, null, Permission.RefundsRequest, RefundStatus.Canceled, AuditAction.RefundCanceled, cancellationToken);

    private async Task<CommandResult<RefundOutcome>> DecideAsync(
        UserAccess access, Guid refundId, string? note, Permission needed, RefundStatus to, AuditAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        if (access.Current is not { } merchant || !access.Has(needed))
        {
            return CommandResult.Failure<RefundOutcome>("Your role cannot decide on refunds.");
        }

        var text = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (text?.Length > NoteMaxLength)
        {
            return CommandResult.Failure<RefundOutcome>($"Keep the note under {NoteMaxLength} characters.");
        }

        var by = access.AsActor();
        await using var scope = scopes.CreateForMerchant(merchant.MerchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var paymentId = await db.Refunds.Where(r => r.Id == refundId).Select(r => (Guid?)r.PaymentId).SingleOrDefaultAsync(cancellationToken);
        if (paymentId is null)
        {
            return CommandResult.Failure<RefundOutcome>("No such refund.");
        }

        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);

        // Payment first, then refund: the order every refund use case takes its locks in.
        await RefundLedger.LockPaymentAsync(db, merchant.MerchantId, paymentId.Value, cancellationToken);
        var refund = (await RefundLedger.LockRefundAsync(db, merchant.MerchantId, refundId, cancellationToken))!;
        var refusal = RefusalFor(refund, by.UserId, to);
        if (refusal is not null)
        {
            if (refusal.Denied)
            {
                await ledger.AuditAsync(db, refund, action, AuditOutcome.Denied, by.Actor, refusal.Message, by.Origin, cancellationToken);
                await tx.CommitAsync(cancellationToken);
            }

            return CommandResult.Failure<RefundOutcome>(refusal.Message);
        }

        refund.Decide(to, by.UserId, by.DisplayName, text, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await ledger.AuditAsync(db, refund, action, AuditOutcome.Success, by.Actor, text, by.Origin, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return CommandResult.Returning(RefundOutcome.Of(refund));
    }

    private static Refusal? RefusalFor(Refund refund, Guid userId, RefundStatus to)
    {
        if (refund.Status != RefundStatus.PendingApproval)
        {
            return new Refusal($"This refund is no longer waiting for a decision ({refund.Status}).", Denied: false);
        }

        return to switch
        {
            RefundStatus.Canceled when refund.RequestedBy != userId => new Refusal("Only the person who asked for a refund can withdraw it.", Denied: true),
            RefundStatus.Processing or RefundStatus.Rejected when refund.RequestedBy == userId =>
                new Refusal("You asked for this refund; another Admin must decide on it.", Denied: true),
            _ => null,
        };
    }

    private sealed record Refusal(string Message, bool Denied);
}
