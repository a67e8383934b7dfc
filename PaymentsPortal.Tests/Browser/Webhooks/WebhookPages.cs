using Microsoft.Playwright;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Browser.Webhooks;

/// <summary>Page-object steps for the webhooks pages; selectors are data-test attributes.</summary>
public static class WebhookPages
{
    /// <summary>How long a test waits for the dispatcher: a delivery is made moments after it commits, recorded, then shown on the next refresh.</summary>
    public static readonly LocatorAssertionsToHaveAttributeOptions Dispatched = new() { Timeout = 20_000 };

    public static async Task OpenWebhooksAsync(this IPage page)
    {
        await page.ClickAsync("[data-test=nav-webhooks]");
        await page.WaitForURLAsync("**/settings/webhooks");
        await page.WaitForInteractiveAsync();
    }

    /// <summary>Adds an endpoint through the dialog and returns the secret the page shows once, after confirming it is stored.</summary>
    public static async Task<string> AddEndpointAsync(this IPage page, Uri url, string description, params string[] eventTypes)
    {
        await page.ClickAsync("[data-test=webhook-add]");
        await page.FillAsync("[data-test=webhook-url]", url.ToString());
        await page.FillAsync("[data-test=webhook-description]", description);
        foreach (var type in eventTypes)
        {
            await page.Locator($"[data-test=webhook-event][data-type='{type}']").CheckAsync();
        }

        await page.ClickAsync("[data-test=webhook-endpoint-submit]");
        return await TakeShownSecretAsync(page);
    }

    /// <summary>Reads the secret in the one-time dialog and closes it.</summary>
    public static async Task<string> TakeShownSecretAsync(this IPage page)
    {
        var secret = (await page.Locator("[data-test=webhook-secret-value]").InnerTextAsync()).Trim();
        await page.ClickAsync("[data-test=webhook-secret-done]");
        await Assertions.Expect(page.Locator("[data-test=webhook-secret-dialog]")).ToHaveCountAsync(0);
        return secret;
    }

    /// <summary>Asks for a new secret; the caller answers step-up if it is asked for, then takes the secret shown.</summary>
    public static async Task StartRotationAsync(this IPage page, bool endOldNow)
    {
        await page.ClickAsync("[data-test=webhook-rotate]");
        await page.Locator(endOldNow ? "[data-test=webhook-rotate-end-now]" : "[data-test=webhook-rotate-keep]").CheckAsync();
        await page.ClickAsync("[data-test=webhook-rotate-submit]");
    }

    public static ILocator Deliveries(this IPage page) => page.Locator("[data-test=webhook-delivery-row]");

    public static ILocator Attempts(this IPage page) => page.Locator("[data-test=webhook-delivery-dialog] [data-test=webhook-attempt]");

    public static ILocator EndpointHealth(this IPage page) => page.Locator("[data-test=webhook-endpoint-summary] [data-test=webhook-health]");
}
