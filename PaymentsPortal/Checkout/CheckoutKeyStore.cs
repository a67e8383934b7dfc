using Microsoft.JSInterop;

namespace PaymentsPortal.Checkout;

/// <summary>
/// Where a checkout's Idempotency-Key waits between reloads: the tab's sessionStorage, per merchant
/// (wwwroot/js/checkout-key.js). A tab that closed meanwhile loses nothing that matters: the key's payment is in the database.
/// </summary>
public sealed class CheckoutKeyStore(IJSRuntime js) : IAsyncDisposable
{
    private Task<IJSObjectReference>? module;

    public async Task<string?> ReadAsync(Guid merchantId) => await (await ModuleAsync()).InvokeAsync<string?>("read", Name(merchantId));

    public async Task WriteAsync(Guid merchantId, string key) => await (await ModuleAsync()).InvokeVoidAsync("write", Name(merchantId), key);

    public async Task ClearAsync(Guid merchantId) => await (await ModuleAsync()).InvokeVoidAsync("clear", Name(merchantId));

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

    private static string Name(Guid merchantId) => merchantId.ToString("D", System.Globalization.CultureInfo.InvariantCulture);

    private Task<IJSObjectReference> ModuleAsync() => module ??= js.InvokeAsync<IJSObjectReference>("import", "./js/checkout-key.js").AsTask();
}
