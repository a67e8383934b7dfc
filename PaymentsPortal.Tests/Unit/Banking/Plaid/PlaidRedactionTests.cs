using PaymentsPortal.Core.Banking.Plaid;
using PaymentsPortal.Core.Redaction;

namespace PaymentsPortal.Tests.Unit.Banking.Plaid;

/// <summary>Plaid's secrets as the portal's one redactor sees them, in the shapes they could reach a log.</summary>
[Trait("Tier", "Unit")]
public sealed class PlaidRedactionTests
{
    [Theory]
    [InlineData("token access-sandbox-de3ce8ef-33f8-452c-a685-8671031fc0f6 used", "de3ce8ef-33f8")]
    [InlineData("token access-production-1c2d3e4f-aaaa-bbbb-cccc-111122223333 used", "1c2d3e4f-aaaa")]
    [InlineData("from Link: public-sandbox-b0e2c4ee-a763-4df5-bfe9-46a46bce993d", "b0e2c4ee-a763")]
    [InlineData("from Link: public-production-5c224a01-8314-4491-a06f-39e193d5cddc", "5c224a01-8314")]
    [InlineData("{\"access_token\":\"opaque-value-42\"}", "opaque-value-42")]
    [InlineData("{\"public_token\":\"opaque-value-43\"}", "opaque-value-43")]
    [InlineData("{\"client_id\":\"64f1c0ffee\",\"secret\":\"0a1b2c3d4e5f60718293a4b5c6d7e8\"}", "0a1b2c3d4e5f")]
    [InlineData("PLAID-SECRET: 0a1b2c3d4e5f60718293a4b5c6d7e8", "0a1b2c3d4e5f")]
    [InlineData("Plaid__Secret=0a1b2c3d4e5f60718293a4b5c6d7e8", "0a1b2c3d4e5f")]
    public void Redact_PlaidSecretsAndTokens_NeverAppear(string input, string secret)
    {
        var redacted = SensitiveDataRedactor.Redact(input);

        Assert.DoesNotContain(secret, redacted, StringComparison.Ordinal);
        Assert.Contains(SensitiveDataRedactor.Redacted, redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_Tokens_KeepKindAndEnvironmentOnly()
    {
        Assert.Equal("access-sandbox-[redacted]", new PlaidAccessToken("access-sandbox-de3ce8ef-33f8-452c-a685-8671031fc0f6").ToString());
        Assert.Equal("public-production-[redacted]", new PlaidPublicToken("public-production-5c224a01-8314-4491-a06f-39e193d5cddc").ToString());
        Assert.Equal("[redacted]", new PlaidAccessToken("opaque").ToString());
    }
}
