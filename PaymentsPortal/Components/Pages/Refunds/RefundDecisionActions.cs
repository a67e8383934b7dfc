using MudBlazor;
using PaymentsPortal.Components.Shared.StepUp;
using PaymentsPortal.Core.Common;
using PaymentsPortal.Core.Payments.Refunds;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Components.Pages.Refunds;

/// <summary>
/// The decisions on a waiting refund as the UI makes them: ask for the note or reason, ask for step-up before an
/// approval, call the use case (which checks the role and the four eyes again) and report the result. Scoped: one per circuit.
/// </summary>
public sealed class RefundDecisionActions(RefundDecisions decisions, StepUpPrompt stepUp, IDialogService dialogs, ISnackbar snackbar)
{
    public async Task<bool> ApproveAsync(Refund refund, UserAccess access)
    {
        ArgumentNullException.ThrowIfNull(refund);
        var note = await RefundNoteDialog.AskAsync(dialogs, refund, "Approve refund", "Approve", Color.Primary, "Note (optional)", required: false);
        if (note is null || !await stepUp.EnsureAsync($"Approve the refund of {refund.Amount}"))
        {
            return false;
        }

        return Report(await decisions.ApproveAsync(access, refund.Id, note));
    }

    public async Task<bool> RejectAsync(Refund refund, UserAccess access)
    {
        ArgumentNullException.ThrowIfNull(refund);
        var reason = await RefundNoteDialog.AskAsync(dialogs, refund, "Reject refund", "Reject", Color.Error, "Reason", required: true);
        return reason is not null && Report(await decisions.RejectAsync(access, refund.Id, reason));
    }

    public async Task<bool> WithdrawAsync(Refund refund, UserAccess access)
    {
        ArgumentNullException.ThrowIfNull(refund);
        return Report(await decisions.CancelAsync(access, refund.Id));
    }

    public static Severity SeverityOf(RefundStatus status) => status switch
    {
        RefundStatus.Succeeded => Severity.Success,
        RefundStatus.Failed or RefundStatus.Rejected => Severity.Error,
        RefundStatus.PendingApproval or RefundStatus.RequiresReconciliation or RefundStatus.Processing => Severity.Warning,
        _ => Severity.Info,
    };

    private bool Report(CommandResult<RefundOutcome> result)
    {
        if (result is { Succeeded: true, Value: { } outcome })
        {
            snackbar.Add(outcome.Message, SeverityOf(outcome.Status));
            return true;
        }

        snackbar.Add(result.Error ?? "The refund could not be decided.", Severity.Error);
        // A refusal (already decided by someone else) changed what the page should show as much as a success.
        return true;
    }
}
