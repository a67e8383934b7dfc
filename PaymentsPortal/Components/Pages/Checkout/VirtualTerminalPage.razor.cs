using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;
using PaymentsPortal.Checkout;
using PaymentsPortal.Components.Shared.Checkout;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Hosting;
using PaymentsPortal.Core.Idempotency;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Payments.Checkout;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Components.Pages.Checkout;

/// <summary>
/// The virtual terminal. One checkout has one Idempotency-Key, made here when the form opens and kept in the tab's
/// sessionStorage until the payment is done: a double click, a retried request or a reload during the payment all reach the
/// same payment, and a reload shows that payment's outcome instead of a fresh form.
/// </summary>
public sealed partial class VirtualTerminalPage : IAsyncDisposable
{
    private static readonly IReadOnlyList<string> Currencies = [.. Currency.All.Select(c => c.Code).Order(StringComparer.Ordinal)];

    // How long a reloaded page waits for a payment still with the router; a walk of the chain takes at most its timeouts.
    private static readonly TimeSpan WatchFor = TimeSpan.FromMinutes(3);

    private readonly CancellationTokenSource closing = new();
    private readonly TerminalForm form = new();
    private CardFields? cardFields;
    private CardFieldsChoice? choice;
    private CheckoutOutcome? outcome;
    private string? key;
    private string? clientSecret;
    private string? error;
    private bool started;
    private bool paying;
    private bool authenticating;
    private bool watching;

    [Inject]
    private VirtualTerminal Terminal { get; set; } = default!;

    [Inject]
    private AuthenticationFollowUp FollowUp { get; set; } = default!;

    [Inject]
    private CardFieldsSetups Setups { get; set; } = default!;

    [Inject]
    private CardFieldsScript Script { get; set; } = default!;

    [Inject]
    private CheckoutKeyStore Keys { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IOptions<PortalOptions> Portal { get; set; } = default!;

    [Inject]
    private ILogger<VirtualTerminalPage> Logger { get; set; } = default!;

    [CascadingParameter]
    private UserAccess Access { get; set; } = UserAccess.Anonymous;

    private Guid MerchantId => Access.Current?.MerchantId ?? Guid.Empty;

    private bool Sandbox => Portal.Value.Mode == PortalMode.Sandbox;

    private bool Busy => paying || authenticating || watching || !started;

    private string PayLabel => form.AmountProblem is null && form.CurrencyProblem is null ? $"Pay {form.ToMoneyOrNull()?.Format(CultureInfo.CurrentCulture)}" : "Pay";

    private string AmountHelp => form.Currency.Decimals == 0
        ? $"{form.Currency.Code} has no minor units: a whole number"
        : $"In {form.Currency.Code}, with up to {form.Currency.Decimals} decimals after a '.'";

    private Func<string?, string?> AmountValidation => amount => TerminalForm.AmountProblemOf(amount, form.CurrencyCode);

    private static readonly Func<string?, string?> EmailValidation = TerminalForm.EmailProblemOf;

    private static readonly Func<string?, string?> DescriptionValidation = TerminalForm.DescriptionProblemOf;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || !RendererInfo.IsInteractive || Access.Current is null)
        {
            return;
        }

        var stored = await Keys.ReadAsync(MerchantId);
        if (IdempotencyKeys.IsValidKey(stored) && await Terminal.FindAsync(MerchantId, stored!, closing.Token) is { } earlier)
        {
            // A reload during (or after) a payment: show what became of it rather than a form that could pay twice.
            key = stored;
            started = true;
            Show(earlier, challengeNow: false);
        }
        else
        {
            // A key nobody used yet is kept: it claims nothing until the first payment request.
            key = IdempotencyKeys.IsValidKey(stored) ? stored : VirtualTerminal.NewCheckoutKey();
            await Keys.WriteAsync(MerchantId, key!);
            started = true;
            await ChooseFieldsAsync();
        }

        StateHasChanged();
    }

    private async Task ChooseFieldsAsync()
    {
        choice = null;
        StateHasChanged();
        choice = await Setups.ForCheckoutAsync(MerchantId, form.Currency, closing.Token);
    }

    // Braintree's client token is made for the merchant account that settles the currency, so its fields follow the currency.
    private async Task CurrencyChangedAsync(string code)
    {
        form.CurrencyCode = code;
        if (choice?.Setup is { Gateway: GatewayKind.Braintree } setup && setup.Currency.Code != code)
        {
            await ChooseFieldsAsync();
        }
    }

    private async Task PayAsync()
    {
        // Blazor runs a second click only once this handler yields; by then it sees the first still paying.
        if (paying || key is null || cardFields is null)
        {
            return;
        }

        paying = true;
        error = null;
        try
        {
            if (form.Problems.Count > 0)
            {
                error = "Nothing was charged. " + string.Join(" ", form.Problems);
                return;
            }

            var (token, cardError) = await cardFields.TokenizeAsync();
            if (token is null)
            {
                error = "Nothing was charged. " + cardError;
                return;
            }

            Show(await Terminal.PayAsync(Access, form.ToPayment(key, token), closing.Token), challengeNow: true);
        }
        catch (JSException e)
        {
            // The gateway's script failed in the browser before a token existed: nothing was sent.
            Logger.LogWarning(e, "The card fields failed while tokenizing.");
            error = "Nothing was charged: the card fields stopped working. Reload the page and enter the card again.";
        }
        finally
        {
            paying = false;
        }
    }

    private void Show(CheckoutOutcome shown, bool challengeNow)
    {
        outcome = shown;
        clientSecret = shown.ClientSecret ?? clientSecret;
        switch (shown.Stage)
        {
            case CheckoutStage.Paid when shown.PaymentId is { } paid:
                _ = FinishAsync(paid);
                break;
            case CheckoutStage.NeedsAuthentication when challengeNow && clientSecret is not null:
                _ = InvokeAsync(ChallengeAsync);
                break;
            case CheckoutStage.InProgress when !watching:
                watching = true;
                _ = InvokeAsync(WatchAsync);
                break;
        }
    }

    // The checkout is over: its key is forgotten, so the next visit opens a fresh form, and the payment's page takes over.
    private async Task FinishAsync(Guid paymentId)
    {
        try
        {
            await Keys.ClearAsync(MerchantId);
            Navigation.NavigateTo($"/payments/{paymentId}");
        }
        catch (JSDisconnectedException)
        {
            // The tab closed: the key stays, and a later visit shows this payment's outcome.
        }
    }

    /// <summary>Stripe.js shows the challenge; then the server asks Stripe how it ended, whatever the browser reported.</summary>
    private async Task ChallengeAsync()
    {
        if (authenticating || outcome?.PaymentId is not { } paymentId || clientSecret is null)
        {
            return;
        }

        authenticating = true;
        StateHasChanged();
        try
        {
            var stripe = await Setups.ForGatewayAsync(MerchantId, GatewayKind.Stripe, form.Currency, closing.Token);
            if (stripe.Setup is null)
            {
                error = stripe.Problem;
                return;
            }

            var answer = await Script.HandleNextActionAsync(stripe.Setup, clientSecret);
            if (answer.Error is not null)
            {
                Logger.LogInformation("3-D Secure for payment {PaymentId} ended in the browser with: {Error}", paymentId, answer.Error);
            }

            Show(await FollowUp.ConfirmAsync(MerchantId, paymentId, closing.Token), challengeNow: false);
        }
        catch (Exception e) when (e is JSDisconnectedException or OperationCanceledException)
        {
            // The tab closed during the challenge; a later visit with the key offers it again.
            return;
        }
        finally
        {
            authenticating = false;
        }

        StateHasChanged();
    }

    private async Task CheckAfterAuthenticationAsync()
    {
        if (outcome?.PaymentId is { } paymentId)
        {
            Show(await FollowUp.ConfirmAsync(MerchantId, paymentId, closing.Token), challengeNow: false);
        }
    }

    // A reloaded page whose payment is still with the router: look again every second until it has an outcome.
    private async Task WatchAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        var until = DateTimeOffset.UtcNow + WatchFor;
        try
        {
            while (DateTimeOffset.UtcNow < until && await timer.WaitForNextTickAsync(closing.Token))
            {
                if (await Terminal.FindAsync(MerchantId, key!, closing.Token) is { Stage: not CheckoutStage.InProgress } settled)
                {
                    watching = false;
                    Show(settled, challengeNow: false);
                    StateHasChanged();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The page closed.
        }

        watching = false;
    }

    /// <summary>A new checkout with a new key: after a decline, or to take another payment.</summary>
    private async Task StartOverAsync(bool keepForm)
    {
        key = VirtualTerminal.NewCheckoutKey();
        await Keys.WriteAsync(MerchantId, key);

        outcome = null;
        clientSecret = null;
        error = null;
        if (!keepForm)
        {
            form.Amount = null;
            form.Description = null;
            form.CustomerEmail = null;
        }

        await ChooseFieldsAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await closing.CancelAsync();
        closing.Dispose();
    }
}
