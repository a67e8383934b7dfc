using System.Globalization;
using Microsoft.JSInterop;

namespace PaymentsPortal.Checkout;

/// <summary>
/// Where a checkout's Idempotency-Key waits between reloads: the tab's sessionStorage (wwwroot/js/checkout-key.js), one
/// entry per checkout: the virtual terminal's per merchant, a payment link's per link. A tab that closed meanwhile loses
/// nothing that matters: the key's payment is in the database.
/// </summary>
public sealed class CheckoutKeyStore(IJSRuntime js) : IAsyncDisposable
{
    private Task<IJSObjectReference>? module;

    /// <summary>The entry of a payment link's page: a customer with two links open in one tab keeps one checkout per link.</summary>
    public static string ForLink(Guid linkId) => "link." + linkId.ToString("D", CultureInfo.InvariantCulture);

    public Task<string?> ReadAsync(Guid merchantId) => ReadAsync(ForMerchant(merchantId));

    public Task WriteAsync(Guid merchantId, string key) => WriteAsync(ForMerchant(merchantId), key);

    public Task ClearAsync(Guid merchantId) => ClearAsync(ForMerchant(merchantId));

    public async Task<string?> ReadAsync(string checkout) => await (await ModuleAsync()).InvokeAsync<string?>("read", checkout);

    public async Task WriteAsync(string checkout, string key) => await (await ModuleAsync()).InvokeVoidAsync("write", checkout, key);

    public async Task ClearAsync(string checkout) => await (await ModuleAsync()).InvokeVoidAsync("clear", checkout);

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

    // The virtual terminal's entry, named by the bare merchant id as it always was, so keys stored before links existed still work.
    private static string ForMerchant(Guid merchantId) => merchantId.ToString("D", CultureInfo.InvariantCulture);

    private Task<IJSObjectReference> ModuleAsync() => module ??= js.InvokeAsync<IJSObjectReference>("import", "./js/checkout-key.js").AsTask();
}
