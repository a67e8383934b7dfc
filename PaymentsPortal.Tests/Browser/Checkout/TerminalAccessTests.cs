using Microsoft.Playwright;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Browser.Checkout;

/// <summary>Only Admins and Operators take payments: the others have no menu entry, and the server refuses the page.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Tier", "Browser")]
public sealed class TerminalAccessTests(BrowserFixture browser, PortalAppFixture fixture) : IClassFixture<PortalAppFixture>
{
    [Theory]
    [InlineData("support@demo.local")]
    [InlineData("viewer@demo.local")]
    [InlineData("compliance@demo.local")]
    public async Task WithoutPaymentsTake_NoEntryAndTheServerRefusesThePage(string email)
    {
        var page = await browser.NewPageAsync(fixture);
        await page.SignInAsync(email);
        Assert.DoesNotContain("Virtual terminal", await page.NavigationEntriesAsync());

        // A full page load: the authorization middleware answers before any of the page's code runs.
        var response = await page.GotoAsync("/payments/new");
        Assert.NotNull(response);
        Assert.EndsWith("/access-denied?ReturnUrl=" + Uri.EscapeDataString("/payments/new"), page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("[data-test=access-denied]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-test=terminal]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-test=card-fields]")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Viewer_AsksForThePageOverHttp_IsSentToAccessDenied()
    {
        using var http = new PortalHttp(fixture.App.BaseAddress);
        await http.SignInAsync("viewer@demo.local");

        using var response = await http.Client.GetAsync(new Uri("/payments/new", UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/access-denied", response.Headers.Location?.PathAndQuery ?? response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }
}
