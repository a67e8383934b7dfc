using System.Security.Cryptography;
using System.Text;
using PaymentsPortal.Core.Webhooks.Outbound;

namespace PaymentsPortal.Tests.Unit.Webhooks.Outbound;

public sealed class WebhookSignatureTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private const string Body = """{"id":"evt","type":"payment.succeeded"}""";

    [Fact]
    public void HeaderValue_IsHmacSha256OfTimestampDotBody_KeyedWithTheSecret()
    {
        const string secret = "whsec_known";
        var t = Now.ToUnixTimeSeconds();
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{Body}")));

        Assert.Equal($"t={t},v1={expected}", WebhookSignature.HeaderValue(t, Body, [secret]));
    }

    [Fact]
    public void IsValid_AcceptsTheRightSecretOnly_AndNoChangedBody()
    {
        var secret = WebhookSignature.NewSecret();
        var header = WebhookSignature.HeaderValue(Now.ToUnixTimeSeconds(), Body, [secret]);

        Assert.True(WebhookSignature.IsValid(header, Body, secret, Now, WebhookSignature.DefaultTolerance));
        Assert.False(WebhookSignature.IsValid(header, Body + " ", secret, Now, WebhookSignature.DefaultTolerance));
        Assert.False(WebhookSignature.IsValid(header, Body, WebhookSignature.NewSecret(), Now, WebhookSignature.DefaultTolerance));
        Assert.False(WebhookSignature.IsValid(null, Body, secret, Now, WebhookSignature.DefaultTolerance));
        Assert.False(WebhookSignature.IsValid("v1=abc", Body, secret, Now, WebhookSignature.DefaultTolerance));
    }

    [Fact]
    public void IsValid_RefusesAnOldSignature()
    {
        var secret = WebhookSignature.NewSecret();
        var header = WebhookSignature.HeaderValue(Now.ToUnixTimeSeconds(), Body, [secret]);

        Assert.True(WebhookSignature.IsValid(header, Body, secret, Now.AddMinutes(4), WebhookSignature.DefaultTolerance));
        Assert.False(WebhookSignature.IsValid(header, Body, secret, Now.AddMinutes(6), WebhookSignature.DefaultTolerance));
    }

    [Fact]
    public void HeaderValue_WithTwoSecrets_VerifiesWithEither()
    {
        var (fresh, old) = (WebhookSignature.NewSecret(), WebhookSignature.NewSecret());
        var header = WebhookSignature.HeaderValue(Now.ToUnixTimeSeconds(), Body, [fresh, old]);

        Assert.Equal(2, header.Split(",v1=").Length - 1);
        Assert.True(WebhookSignature.IsValid(header, Body, fresh, Now, WebhookSignature.DefaultTolerance));
        Assert.True(WebhookSignature.IsValid(header, Body, old, Now, WebhookSignature.DefaultTolerance));
    }

    [Fact]
    public void NewSecret_IsPrefixedUrlSafeAndUnique()
    {
        var secrets = Enumerable.Range(0, 100).Select(_ => WebhookSignature.NewSecret()).ToList();

        Assert.All(secrets, s => Assert.Matches("^whsec_[A-Za-z0-9_-]{43}$", s));
        Assert.Equal(100, secrets.Distinct(StringComparer.Ordinal).Count());
    }
}
