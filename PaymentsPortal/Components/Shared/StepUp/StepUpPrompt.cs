using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using PaymentsPortal.Core.Identity.StepUp;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Components.Shared.StepUp;

/// <summary>
/// Asks the signed-in user to prove again who they are before a sensitive action, unless this sign-in
/// session already did within the last five minutes. One line at the call site:
/// <code>if (!await StepUp.EnsureAsync("Export the audit trail")) return;</code>
/// Scoped: one per circuit, so the dialog opens in the user's own page.
/// </summary>
public sealed class StepUpPrompt(
    IDialogService dialogs, CurrentAccess currentAccess, AuthenticationStateProvider authentication, StepUpAuthentication stepUps)
{
    // A cookie from before sessions had ids carries none: such a circuit gets one of its own, which only makes it ask more often.
    private readonly Guid circuitSession = Guid.NewGuid();

    /// <param name="purpose">What the user is about to do, shown in the dialog and recorded in the audit entry.</param>
    /// <returns>True when the user may go ahead; false when they cancelled or could not confirm.</returns>
    public async Task<bool> EnsureAsync(string purpose)
    {
        var principal = (await authentication.GetAuthenticationStateAsync()).User;
        var access = await currentAccess.GetAsync(principal);
        if (access.UserId is not { } userId)
        {
            return false;
        }

        var session = SessionClaims.SessionIdOf(principal) ?? circuitSession;
        if (await stepUps.IsFreshAsync(userId, session))
        {
            return true;
        }

        var parameters = new DialogParameters<StepUpDialog>
        {
            { d => d.Purpose, purpose },
            { d => d.SessionId, session },
            { d => d.Actor, access.AsActor() },
            { d => d.Methods, await stepUps.MethodsAsync(userId) },
        };
        var options = new DialogOptions { BackdropClick = false, CloseOnEscapeKey = true, MaxWidth = MaxWidth.ExtraSmall, FullWidth = true };
        var dialog = await dialogs.ShowAsync<StepUpDialog>("Confirm it's you", parameters, options);
        var result = await dialog.Result;
        return result is { Canceled: false };
    }
}
