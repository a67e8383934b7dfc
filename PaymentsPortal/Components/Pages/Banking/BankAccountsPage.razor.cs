using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Banking.Accounts;
using PaymentsPortal.Core.Banking.Links;
using PaymentsPortal.Core.Common;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Components.Pages.Banking;

/// <summary>
/// The merchant's bank links and accounts. Linking runs Plaid Link in the browser (plaid-link.js); the page turns Link's public
/// token into a stored link on the server at once, and says what went wrong in plain words when Link or Plaid fails.
/// </summary>
public sealed partial class BankAccountsPage : IAsyncDisposable
{
    private IReadOnlyList<BankLink> links = [];
    private IReadOnlyList<BankAccountRow> accounts = [];
    private IJSObjectReference? module;
    private DotNetObjectReference<BankAccountsPage>? self;
    private Guid? repairing;
    private bool busy;

    [Inject]
    private BankAccountQueries Queries { get; set; } = default!;

    [Inject]
    private BankLinking Linking { get; set; } = default!;

    [Inject]
    private BankUnlinking Unlinking { get; set; } = default!;

    [Inject]
    private BalanceChecks Balances { get; set; } = default!;

    [Inject]
    private PlaidLinkScript LinkScript { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [CascadingParameter]
    private UserAccess Access { get; set; } = UserAccess.Anonymous;

    private bool CanManage => Access.Has(Permission.BankingManage);

    protected override async Task OnParametersSetAsync() => await ReloadAsync();

    /// <summary>Link's onSuccess: a new link is stored now; a reconnection is confirmed with Plaid.</summary>
    [JSInvokable]
    public async Task OnLinkSuccess(string publicToken, string? institutionName)
    {
        var result = repairing is { } linkId
            ? await Linking.CompleteRepairAsync(Access, linkId)
            : Convert(await Linking.CompleteLinkAsync(Access, publicToken, institutionName));
        repairing = null;
        Say(result, "The bank is linked.");
        await ReloadAsync();
        busy = false;
        StateHasChanged();
    }

    /// <summary>Link closed without success: by the person (no message) or because of an error Link reports.</summary>
    [JSInvokable]
    public Task OnLinkExit(string? error)
    {
        repairing = null;
        busy = false;
        if (error is not null)
        {
            Snackbar.Add($"Linking stopped: {error}", Severity.Warning);
        }

        StateHasChanged();
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (module is not null)
        {
            try
            {
                await module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone; so is the module.
            }
        }

        self?.Dispose();
    }

    private Task LinkAsync() => OpenLinkAsync(null);

    private Task ReconnectAsync(BankLink link) => OpenLinkAsync(link.Id);

    private async Task OpenLinkAsync(Guid? repair)
    {
        busy = true;
        var token = await Linking.CreateLinkTokenAsync(Access, new Uri(Navigation.BaseUri), repair);
        if (!token.Succeeded)
        {
            busy = false;
            Snackbar.Add(token.Error!, Severity.Error);
            return;
        }

        repairing = repair;
        module ??= await JS.InvokeAsync<IJSObjectReference>("import", "./js/plaid-link.js");
        self ??= DotNetObjectReference.Create(this);
        await module.InvokeVoidAsync("open", LinkScript.Url, token.Value, repair?.ToString(), self);
    }

    private async Task CheckBalancesAsync(BankLink link)
    {
        busy = true;
        var checkedNow = await Balances.CheckNowAsync(Access, link.Id);
        Say(checkedNow.Succeeded ? CommandResult.Ok : CommandResult.Fail(checkedNow.Error!), "Balances read from the bank just now.");
        await ReloadAsync();
        busy = false;
    }

    private async Task UnlinkAsync(BankLink link)
    {
        var sure = await Dialogs.ShowMessageBoxAsync(
            $"Unlink {link.InstitutionName}?",
            "Plaid stops reading this bank and the portal forgets its access. The accounts' transactions and matches stay.",
            yesText: "Unlink", cancelText: "Keep it");
        if (sure != true)
        {
            return;
        }

        busy = true;
        Say(await Unlinking.UnlinkAsync(Access, link.Id), $"{link.InstitutionName} is unlinked.");
        await ReloadAsync();
        busy = false;
    }

    private async Task AddStatementAccountAsync()
    {
        if (await AddStatementAccountDialog.AskAsync(Dialogs, Access))
        {
            await ReloadAsync();
        }
    }

    private async Task ImportAsync(BankAccountRow row)
    {
        if (await Import.StatementImportDialog.ShowAsync(Dialogs, row, Access))
        {
            await ReloadAsync();
        }
    }

    private async Task ReloadAsync()
    {
        links = await Queries.LinksAsync(Access);
        accounts = await Queries.AccountsAsync(Access);
    }

    private void Say(CommandResult result, string done) =>
        Snackbar.Add(result.Succeeded ? done : result.Error!, result.Succeeded ? Severity.Success : Severity.Error);

    private static CommandResult Convert<T>(CommandResult<T> result) => result.Succeeded ? CommandResult.Ok : CommandResult.Fail(result.Error!);
}
