using System.Net;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Hosting;

[Trait("Tier", "Integration")]
public sealed class SignInRateLimitTests(SignInRateLimitFixture fixture) : IClassFixture<SignInRateLimitFixture>
{
    [Fact]
    public async Task SignInPost_OverTheLimit_Returns429()
    {
        using var http = new PortalHttp(fixture.App.BaseAddress);
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i <= SignInRateLimitFixture.AttemptsPerMinute; i++)
        {
            using var response = await http.SubmitSignInAsync("viewer@demo.local", "wrong-password");
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses.Take(SignInRateLimitFixture.AttemptsPerMinute), s => Assert.NotEqual(HttpStatusCode.TooManyRequests, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        using var page = await http.GetAsync("/account/login");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }
}
