using Microsoft.JSInterop;

namespace PaymentsPortal.Checkout;

/// <summary>The circuit's handle on wwwroot/js/card-fields.js, imported once and shared by the checkout's components.</summary>
public sealed class CardFieldsScript(IJSRuntime js) : IAsyncDisposable
{
    private Task<IJSObjectReference>? module;

    /// <summary>A new, unmounted card-fields controller in the browser.</summary>
    public async Task<IJSObjectReference> CreateAsync() => await (await ModuleAsync()).InvokeAsync<IJSObjectReference>("createCardFields");

    /// <summary>Runs Stripe.js's next action (the 3-D Secure challenge); only the outcome's status or error message comes back.</summary>
    public async Task<CardFieldsReply> HandleNextActionAsync(CardFieldsSetup setup, string clientSecret)
    {
        ArgumentNullException.ThrowIfNull(setup);
        return await (await ModuleAsync()).InvokeAsync<CardFieldsReply>("handleNextAction", setup.ForScript(), clientSecret);
    }

    public async ValueTask DisposeAsync()
    {
        if (module is { IsCompletedSuccessfully: true })
        {
            try
            {
                await module.Result.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone, and the page with it.
            }
        }
    }

    private Task<IJSObjectReference> ModuleAsync() => module ??= js.InvokeAsync<IJSObjectReference>("import", "./js/card-fields.js").AsTask();
}

/// <summary>What the module answers: a token, a 3-D Secure status, or an error message for the person at the terminal.</summary>
public sealed record CardFieldsReply(string? Token, string? Status, string? Error);
