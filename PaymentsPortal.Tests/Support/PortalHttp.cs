using System.Net;
using System.Text.RegularExpressions;
using PaymentsPortal.Core.Demo;

namespace PaymentsPortal.Tests.Support;

/// <summary>
/// A cookie-keeping HttpClient against a running <see cref="PortalAppFactory"/> that does not follow
/// redirects, so tests see exactly where the app sends them.
/// </summary>
public sealed partial class PortalHttp : IDisposable
{
    public const string AntiforgeryField = "__RequestVerificationToken";

    private readonly HttpClientHandler handler;

    public PortalHttp(Uri baseAddress)
    {
        handler = new HttpClientHandler { CookieContainer = Cookies, UseCookies = true, AllowAutoRedirect = false };
        Client = new HttpClient(handler) { BaseAddress = baseAddress };
    }

    public CookieContainer Cookies { get; } = new();

    public HttpClient Client { get; }

    /// <summary>The antiforgery token of the sign-in form, issued for whoever is signed in now.</summary>
    public async Task<string> AntiforgeryTokenAsync()
    {
        var html = await Client.GetStringAsync(new Uri("/account/login", UriKind.Relative));
        var match = TokenInput().Match(html);
        Assert.True(match.Success, "The sign-in form carries no antiforgery token.");
        return WebUtility.HtmlDecode(match.Groups["value"].Value);
    }

    /// <summary>Posts the sign-in form the way a browser does; returns the app's answer (a redirect on success).</summary>
    public async Task<HttpResponseMessage> SubmitSignInAsync(string email, string password = DemoData.Password) =>
        await PostFormAsync("/account/login", new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            [AntiforgeryField] = await AntiforgeryTokenAsync(),
        });

    public async Task SignInAsync(string email, string password = DemoData.Password)
    {
        using var response = await SubmitSignInAsync(email, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(Cookies.GetAllCookies(), c => c.Name == "pp.auth");
    }

    public async Task<HttpResponseMessage> PostFormAsync(string path, IDictionary<string, string> fields)
    {
        using var content = new FormUrlEncodedContent(fields);
        return await Client.PostAsync(new Uri(path, UriKind.Relative), content);
    }

    public Task<HttpResponseMessage> GetAsync(string path) => Client.GetAsync(new Uri(path, UriKind.Relative));

    public void Dispose()
    {
        Client.Dispose();
        handler.Dispose();
    }

    [GeneratedRegex(@"<input[^>]*name=""__RequestVerificationToken""[^>]*value=""(?<value>[^""]+)""")]
    private static partial Regex TokenInput();
}
