using Microsoft.Playwright;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Browser.Checkout;

/// <summary>
/// Page-object steps for the virtual terminal. The card is typed into the gateway's frames (the Sandbox stand-ins'), as a
/// person would; the portal's own page never sees those inputs.
/// </summary>
public static class TerminalPages
{
    public static async Task OpenTerminalAsync(this IPage page)
    {
        await page.GotoAsync("/payments/new");
        await page.WaitForInteractiveAsync();
    }

    /// <summary>Waits until the card fields of <paramref name="gateway"/> are mounted and can tokenize.</summary>
    public static Task WaitForCardFieldsAsync(this IPage page, string gateway) =>
        page.Locator($"[data-test=card-fields][data-gateway={gateway}][data-ready=true]").WaitForAsync();

    public static async Task FillPaymentAsync(this IPage page, string amount, string description, string? email = null)
    {
        await page.FillAsync("[data-test=terminal-amount]", amount);
        await page.FillAsync("[data-test=terminal-description]", description);
        if (email is not null)
        {
            await page.FillAsync("[data-test=terminal-email]", email);
        }
    }

    /// <summary>Types a card into Stripe's card element: number, MM/YY and CVC, each in the one frame.</summary>
    public static async Task EnterStripeCardAsync(this IPage page, string number)
    {
        await page.WaitForCardFieldsAsync("Stripe");
        var frame = page.FrameLocator("[data-test=card-fields] iframe[title='Secure card payment input frame']");
        await frame.Locator("#number").PressSequentiallyAsync(number);
        await frame.Locator("#expiry").PressSequentiallyAsync("12" + ((DateTime.UtcNow.Year + 2) % 100).ToString("00", System.Globalization.CultureInfo.InvariantCulture));
        await frame.Locator("#cvc").PressSequentiallyAsync("123");
        await Assertions.Expect(page.Locator("[data-test=card-fields]")).ToHaveAttributeAsync("data-complete", "true");
    }

    /// <summary>Types a card into Braintree's hosted fields, one frame per field.</summary>
    public static async Task EnterBraintreeCardAsync(this IPage page, string number)
    {
        await page.WaitForCardFieldsAsync("Braintree");
        await page.FrameLocator("iframe[name='braintree-hosted-field-number']").Locator("input").PressSequentiallyAsync(number);
        await page.FrameLocator("iframe[name='braintree-hosted-field-expirationDate']").Locator("input")
            .PressSequentiallyAsync("12" + ((DateTime.UtcNow.Year + 2) % 100).ToString("00", System.Globalization.CultureInfo.InvariantCulture));
        await page.FrameLocator("iframe[name='braintree-hosted-field-cvv']").Locator("input").PressSequentiallyAsync("123");
        await Assertions.Expect(page.Locator("[data-test=card-fields]")).ToHaveAttributeAsync("data-complete", "true");
    }

    /// <summary>Answers the 3-D Secure test challenge that Stripe.js (the stand-in) shows over the page.</summary>
    public static Task AnswerChallengeAsync(this IPage page, bool complete) =>
        page.FrameLocator("iframe[title='3D Secure test challenge']")
            .Locator(complete ? "#complete" : "#fail")
            .ClickAsync();

    public static ILocator Outcome(this IPage page) => page.Locator("[data-test=checkout-outcome]");
}
