using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;
using PaymentsPortal.Checkout;
using PaymentsPortal.Components.Shared.Checkout;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Hosting;
using PaymentsPortal.Core.Identity;
using PaymentsPortal.Core.Idempotency;
using PaymentsPortal.Core.Payments.Checkout;
using PaymentsPortal.Core.Payments.Links;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Hosting;

namespace PaymentsPortal.Components.Pages.PaymentLinks;

/// <summary>
/// The public page of a payment link: a customer, not signed in, sees the merchant, the amount and what it is for, and pays
/// with the card in the gateway's hosted fields. One visit has one Idempotency-Key, kept in the tab's sessionStorage per
/// link: a double click, a retried request or a reload reach the same payment, and a reload after paying shows the receipt
/// rather than a form that could pay twice. Whether the link may still be paid is decided on the server when paying.
/// </summary>
public sealed partial class PayByLinkPage : IAsyncDisposable
{
    // How long a reloaded page waits for a payment still with the router; a walk of the chain takes at most its timeouts.
    private static readonly TimeSpan WatchFor = TimeSpan.FromMinutes(3);

    private readonly CancellationTokenSource closing = new();
    private PaymentLinkView? view;
    private CardFields? cardFields;
    private CardFieldsChoice? choice;
    private CheckoutOutcome? outcome;
    private string? key;
    private string? email;
    private string? clientSecret;
    private string? error;
    private bool loaded;
    private bool checkoutOpened;
    private bool started;
    private bool paying;
    private bool authenticating;
    private bool watching;

    [Parameter]
    public string Slug { get; set; } = "";

    [Inject]
    private PaymentLinkCheckout Checkout { get; set; } = default!;

    [Inject]
    private AuthenticationFollowUp FollowUp { get; set; } = default!;

    [Inject]
    private CardFieldsSetups Setups { get; set; } = default!;

    [Inject]
    private CardFieldsScript Script { get; set; } = default!;

    [Inject]
    private CheckoutKeyStore Keys { get; set; } = default!;

    [Inject]
    private PaymentLinkPayLimiter PayLimiter { get; set; } = default!;

    [Inject]
    private CurrentAccess CurrentAccess { get; set; } = default!;

    [Inject]
    private IOptions<PortalOptions> Portal { get; set; } = default!;

    [Inject]
    private ILogger<PayByLinkPage> Logger { get; set; } = default!;

    private bool Sandbox => Portal.Value.Mode == PortalMode.Sandbox;

    private bool Busy => paying || authenticating || watching || (view?.Refusal is null && !started);

    private static readonly Func<string?, string?> EmailValidation = EmailProblemOf;

    // Runs when prerendering too, so an unknown, expired or used-up link says so in the first HTML the customer gets.
    protected override async Task OnParametersSetAsync()
    {
        view = await Checkout.OpenAsync(Slug, closing.Token);
        loaded = true;
    }

    // Not "first render": the first interactive render can come before OnParametersSetAsync has read the link, so the
    // checkout starts on the first render after the link is known, once.
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!RendererInfo.IsInteractive || view is null || checkoutOpened)
        {
            return;
        }

        checkoutOpened = true;
        var stored = await Keys.ReadAsync(CheckoutKeyStore.ForLink(view.LinkId));
        if (IdempotencyKeys.IsValidKey(stored) && await Checkout.FindAsync(view, stored!, closing.Token) is { } earlier)
        {
            // A reload during or after paying: show what became of that payment, even if it used the link up.
            key = stored;
            started = true;
            Show(earlier, challengeNow: false);
        }
        else if (view.Refusal is null)
        {
            // A key nobody used yet is kept: it claims nothing until the first payment request.
            key = IdempotencyKeys.IsValidKey(stored) ? stored : PaymentLinkCheckout.NewCheckoutKey();
            await Keys.WriteAsync(CheckoutKeyStore.ForLink(view.LinkId), key!);
            started = true;
            await ChooseFieldsAsync();
        }

        StateHasChanged();
    }

    private async Task ChooseFieldsAsync()
    {
        choice = null;
        StateHasChanged();
        choice = await Setups.ForCheckoutAsync(view!.MerchantId, view.Amount.Currency, closing.Token);
    }

    private async Task PayAsync()
    {
        // Blazor runs a second click only once this handler yields; by then it sees the first still paying.
        if (paying || key is null || cardFields is null || view is null)
        {
            return;
        }

        paying = true;
        error = null;
        try
        {
            if (EmailProblemOf(email) is { } problem)
            {
                error = "Nothing was charged. " + problem;
                return;
            }

            if (!PayLimiter.TryAcquire(CurrentAccess.Origin))
            {
                error = "Nothing was charged: too many payment attempts came from your network. Wait a little, then try again.";
                return;
            }

            var (token, cardError) = await cardFields.TokenizeAsync();
            if (token is null)
            {
                error = "Nothing was charged. " + cardError;
                return;
            }

            var payment = new LinkPayment(key, token, string.IsNullOrWhiteSpace(email) ? null : email.Trim());
            Show(await Checkout.PayAsync(Slug, payment, CurrentAccess.Origin, closing.Token), challengeNow: true);
        }
        catch (JSException e)
        {
            // The gateway's script failed in the browser before a token existed: nothing was sent.
            Logger.LogWarning(e, "The card fields failed while tokenizing on a payment link page.");
            error = "Nothing was charged: the card fields stopped working. Reload the page and enter the card again.";
        }
        finally
        {
            paying = false;
        }
    }

    private void Show(CheckoutOutcome shown, bool challengeNow)
    {
        // The key stays stored once paid: a reload then shows the receipt, never a form that could pay again.
        outcome = shown;
        clientSecret = shown.ClientSecret ?? clientSecret;
        switch (shown.Stage)
        {
            case CheckoutStage.NeedsAuthentication when challengeNow && clientSecret is not null:
                _ = InvokeAsync(ChallengeAsync);
                break;
            case CheckoutStage.InProgress when !watching:
                watching = true;
                _ = InvokeAsync(WatchAsync);
                break;
        }
    }

    /// <summary>Stripe.js shows the challenge; then the server asks Stripe how it ended, whatever the browser reported.</summary>
    private async Task ChallengeAsync()
    {
        if (authenticating || outcome?.PaymentId is not { } paymentId || clientSecret is null || view is null)
        {
            return;
        }

        authenticating = true;
        StateHasChanged();
        try
        {
            var stripe = await Setups.ForGatewayAsync(view.MerchantId, GatewayKind.Stripe, view.Amount.Currency, closing.Token);
            if (stripe.Setup is null)
            {
                Logger.LogWarning("3-D Secure for payment {PaymentId} could not start: {Problem}", paymentId, stripe.Problem);
                error = "Your bank's check cannot be shown right now. Nothing more was charged; try again in a few minutes.";
                return;
            }

            var answer = await Script.HandleNextActionAsync(stripe.Setup, clientSecret);
            if (answer.Error is not null)
            {
                Logger.LogInformation("3-D Secure for payment {PaymentId} ended in the browser with: {Error}", paymentId, answer.Error);
            }

            Show(await FollowUp.ConfirmAsync(view.MerchantId, paymentId, closing.Token), challengeNow: false);
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
        if (outcome?.PaymentId is { } paymentId && view is not null)
        {
            Show(await FollowUp.ConfirmAsync(view.MerchantId, paymentId, closing.Token), challengeNow: false);
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
                if (await Checkout.FindAsync(view!, key!, closing.Token) is { Stage: not CheckoutStage.InProgress } settled)
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

    /// <summary>A new checkout with a new key, after a decline or a refusal; the link is read again, as it may be used up now.</summary>
    private async Task StartOverAsync()
    {
        view = await Checkout.OpenAsync(Slug, closing.Token);
        outcome = null;
        clientSecret = null;
        error = null;
        started = false;
        if (view is not { Refusal: null })
        {
            return;
        }

        key = PaymentLinkCheckout.NewCheckoutKey();
        await Keys.WriteAsync(CheckoutKeyStore.ForLink(view.LinkId), key);
        started = true;
        await ChooseFieldsAsync();
    }

    private static string? EmailProblemOf(string? value) =>
        string.IsNullOrWhiteSpace(value) || EmailAddress.IsValid(value.Trim()) ? null : "Enter your email address (name@example.com), or leave it empty.";

    public async ValueTask DisposeAsync()
    {
        await closing.CancelAsync();
        closing.Dispose();
    }
}
