using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;
using PaymentsPortal.Sandbox.Plaid;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Sandbox.Plaid;

/// <summary>
/// The Link stand-in in a real browser, used from a page the way the portal's page would use Plaid Link: the script from the
/// simulator, Plaid.create({ token, onSuccess, onExit, receivedRedirectUri }).open(), under a Content-Security-Policy without
/// 'unsafe-inline' scripts that allows the simulator's origin for scripts and frames only.
/// </summary>
[Trait("Tier", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class PlaidLinkBrowserTests(BrowserFixture browser)
{
    // Keeps the link token across the OAuth round trip, as an app keeps it in its session.
    private const string PageScript = """
        const params = new URLSearchParams(location.search);
        const token = params.get('token') ?? sessionStorage.getItem('link_token');
        sessionStorage.setItem('link_token', token);
        const handler = Plaid.create({
          token,
          receivedRedirectUri: params.has('oauth_state_id') ? location.href : undefined,
          onSuccess: (publicToken, metadata) => {
            document.body.dataset.publicToken = publicToken;
            document.body.dataset.institution = metadata.institution.institution_id;
            document.body.dataset.accounts = String(metadata.accounts.length);
          },
          onExit: (error, metadata) => { document.body.dataset.exited = metadata.status ?? 'closed'; },
        });
        handler.open();
        """;

    // The page has no visible content of its own: wait for the callbacks' marks to be in the DOM.
    private static readonly LocatorWaitForOptions Attached = new() { State = WaitForSelectorState.Attached };

    [Fact]
    public async Task Link_NonOauthBank_OnSuccessGetsAPublicTokenThatExchanges()
    {
        await using var sandbox = await PlaidSandbox.StartAsync();
        await using var app = await StartPageAsync(sandbox);
        var token = (await sandbox.PostAsync("/link/token/create", PlaidSimulatorApiTests.LinkTokenRequest())).Ok().Text("link_token");
        var page = await browser.NewPageAsync(app.Address);

        await page.GotoAsync("?token=" + Uri.EscapeDataString(token));
        var link = page.FrameLocator("[data-test=plaid-link-frame]");
        await link.Locator("[data-test=institution-" + PlaidInstitution.FirstPlatypusBank + "]").ClickAsync();
        await link.Locator("[data-test=link-submit-credentials]").ClickAsync();
        await link.Locator("[data-test=account-1111]").UncheckAsync();
        await link.Locator("[data-test=link-continue]").ClickAsync();

        await page.Locator("body[data-public-token]").WaitForAsync(Attached);
        Assert.Equal(PlaidInstitution.FirstPlatypusBank, await page.Locator("body").GetAttributeAsync("data-institution"));
        Assert.Equal("1", await page.Locator("body").GetAttributeAsync("data-accounts"));
        Assert.Equal(0, await page.Locator("[data-test=plaid-link-overlay]").CountAsync());
        var publicToken = await page.Locator("body").GetAttributeAsync("data-public-token");
        (await sandbox.PostAsync("/item/public_token/exchange", new JsonObject { ["public_token"] = publicToken })).Ok();
    }

    [Fact]
    public async Task Link_OauthBank_RedirectsToRedirectUriAndResumes()
    {
        await using var sandbox = await PlaidSandbox.StartAsync();
        await using var app = await StartPageAsync(sandbox);
        var redirect = new Uri(app.Address, "oauth-return").ToString();
        var token = (await sandbox.PostAsync("/link/token/create", PlaidSimulatorApiTests.LinkTokenRequest(redirectUri: redirect))).Ok().Text("link_token");
        var page = await browser.NewPageAsync(app.Address);

        await page.GotoAsync("?token=" + Uri.EscapeDataString(token));
        var link = page.FrameLocator("[data-test=plaid-link-frame]");
        await link.Locator("[data-test=institution-" + PlaidInstitution.PlatypusOauthBank + "]").ClickAsync();
        await link.Locator("[data-test=link-oauth-continue]").ClickAsync();

        // Back on the redirect_uri, the page opened Link again with receivedRedirectUri: the accounts step is next.
        await link.Locator("[data-test=link-continue]").ClickAsync();
        Assert.StartsWith(redirect + "?oauth_state_id=", page.Url, StringComparison.Ordinal);

        await page.Locator("body[data-public-token]").WaitForAsync(Attached);
        Assert.Equal(PlaidInstitution.PlatypusOauthBank, await page.Locator("body").GetAttributeAsync("data-institution"));
        Assert.Equal("2", await page.Locator("body").GetAttributeAsync("data-accounts"));
    }

    [Fact]
    public async Task Link_Close_CallsOnExit()
    {
        await using var sandbox = await PlaidSandbox.StartAsync();
        await using var app = await StartPageAsync(sandbox);
        var token = (await sandbox.PostAsync("/link/token/create", PlaidSimulatorApiTests.LinkTokenRequest())).Ok().Text("link_token");
        var page = await browser.NewPageAsync(app.Address);

        await page.GotoAsync("?token=" + Uri.EscapeDataString(token));
        await page.FrameLocator("[data-test=plaid-link-frame]").Locator("[data-test=link-close]").ClickAsync();

        await page.Locator("body[data-exited]").WaitForAsync(Attached);
        Assert.Equal("institution_not_found", await page.Locator("body").GetAttributeAsync("data-exited"));
    }

    // The "app": a page that loads the stand-in script from the simulator and runs PageScript, both as files.
    private static Task<PlaidTestReceiver> StartPageAsync(PlaidSandbox sandbox)
    {
        var simulator = sandbox.Host.Address.GetLeftPart(UriPartial.Authority);
        return PlaidTestReceiver.StartAsync(async context =>
        {
            if (context.Request.Path == "/page.js")
            {
                context.Response.ContentType = "text/javascript";
                await context.Response.WriteAsync(PageScript);
                return;
            }

            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers.ContentSecurityPolicy =
                $"default-src 'self'; script-src 'self' {simulator}; frame-src 'self' {simulator}; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'";
            await context.Response.WriteAsync($"""
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Link host</title></head>
                <body><script src="{sandbox.Host.LinkInitializeScript}"></script><script src="/page.js"></script></body></html>
                """);
        });
    }
}
