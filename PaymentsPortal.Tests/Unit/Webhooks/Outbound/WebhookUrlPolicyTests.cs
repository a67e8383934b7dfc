using Microsoft.Extensions.Options;
using PaymentsPortal.Core.Hosting;
using PaymentsPortal.Core.Webhooks.Outbound.Endpoints;

namespace PaymentsPortal.Tests.Unit.Webhooks.Outbound;

public sealed class WebhookUrlPolicyTests
{
    private static WebhookUrlPolicy In(PortalMode mode) => new(Options.Create(new PortalOptions { Mode = mode }));

    [Theory]
    [InlineData("http://127.0.0.1:5050/hooks")]
    [InlineData("http://localhost/hooks")]
    [InlineData("https://93.184.215.14/hooks")]
    public async Task Sandbox_AcceptsLocalAndPlainHttp(string url)
    {
        Assert.Null(await In(PortalMode.Sandbox).ProblemAsync(url));
    }

    [Theory]
    [InlineData("http://93.184.215.14/hooks")]
    [InlineData("https://127.0.0.1/hooks")]
    [InlineData("https://[fd00::1]/hooks")]
    [InlineData("https://192.168.10.20:8443/hooks")]
    [InlineData("https://LOCALHOST/hooks")]
    public async Task Live_RefusesPlainHttpAndLocalAddresses(string url)
    {
        Assert.NotNull(await In(PortalMode.Live).ProblemAsync(url));
    }

    [Fact]
    public async Task Live_AcceptsAPublicHttpsAddress()
    {
        Assert.Null(await In(PortalMode.Live).ProblemAsync("https://93.184.215.14:8443/webhooks/portal?token=abc"));
    }

    [Fact]
    public async Task TooLongUrl_IsRefused()
    {
        var problem = await In(PortalMode.Sandbox).ProblemAsync("https://example.com/" + new string('a', 2100));

        Assert.Contains("longer than", problem, StringComparison.Ordinal);
    }
}
