using PaymentsPortal.Endpoints;

namespace PaymentsPortal.Tests.Unit.Endpoints;

[Trait("Tier", "Unit")]
public sealed class AccountEndpointsTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/members")]
    [InlineData("/platform/merchants?page=2")]
    public void IsLocal_AppRelativePath_IsAccepted(string url)
    {
        Assert.True(AccountEndpoints.IsLocal(url));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("//evil.com")]
    [InlineData("/\\evil")]
    [InlineData("https://x")]
    [InlineData("http://evil.com/members")]
    [InlineData("members")]
    [InlineData("javascript:alert(1)")]
    public void IsLocal_AnythingElse_IsRejected(string? url)
    {
        Assert.False(AccountEndpoints.IsLocal(url));
    }
}
