using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using PaymentsPortal.Checkout;
using PaymentsPortal.Core.Gateways;

namespace PaymentsPortal.Components.Shared.Checkout;

/// <summary>
/// Mounts the hosted card fields of the gateway in <see cref="Setup"/> through wwwroot/js/card-fields.js, and tokenizes the
/// card on request. Only the token reaches the server. Give it a new <c>@key</c> for a new setup: one instance mounts once.
/// </summary>
public sealed partial class CardFields : IAsyncDisposable
{
    private ElementReference cardContainer;
    private ElementReference numberContainer;
    private ElementReference expiryContainer;
    private ElementReference cvvContainer;
    private DotNetObjectReference<CardFields>? listener;
    private IJSObjectReference? controller;
    private bool ready;
    private bool complete;
    private bool disposed;
    private string? problem;
    private string? message;

    [Inject]
    private CardFieldsScript Script { get; set; } = default!;

    [Parameter, EditorRequired]
    public CardFieldsSetup Setup { get; set; } = default!;

    /// <summary>Whether the fields are mounted and can tokenize.</summary>
    public bool Ready => ready;

    /// <summary>Reads the card in the gateway's frames into a token for the gateway that mounted them, or says what is wrong.</summary>
    public async Task<(PaymentToken? Token, string? Error)> TokenizeAsync()
    {
        if (controller is null || !ready)
        {
            return (null, problem ?? "The card fields are not ready yet.");
        }

        var reply = await controller.InvokeAsync<CardFieldsReply>("tokenize");
        message = reply.Error;
        StateHasChanged();
        return reply.Token is { Length: > 0 } token ? (new PaymentToken(Setup.Gateway, token), null) : (null, reply.Error ?? "The card could not be read.");
    }

    /// <summary>Called by the module as the customer types: whether the card is complete, and what is wrong with it if anything.</summary>
    [JSInvokable]
    public Task OnCardChanged(bool isComplete, string? error) => InvokeAsync(() =>
    {
        complete = isComplete;
        message = error;
        StateHasChanged();
    });

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || !RendererInfo.IsInteractive)
        {
            return;
        }

        listener = DotNetObjectReference.Create(this);
        controller = await Script.CreateAsync();
        var containers = Setup.Gateway == GatewayKind.Braintree
            ? (object)new { number = numberContainer, expiry = expiryContainer, cvv = cvvContainer }
            : new { card = cardContainer };
        var mounted = await controller.InvokeAsync<CardFieldsReply>("mount", containers, Setup.ForScript(), listener);
        if (disposed)
        {
            return;
        }

        problem = mounted.Error;
        ready = problem is null;
        StateHasChanged();
    }

    public async ValueTask DisposeAsync()
    {
        disposed = true;
        try
        {
            if (controller is not null)
            {
                await controller.InvokeVoidAsync("destroy");
                await controller.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit went away with the page: the frames went with it.
        }
        finally
        {
            listener?.Dispose();
        }
    }
}
