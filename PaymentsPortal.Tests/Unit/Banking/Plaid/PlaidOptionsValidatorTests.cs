using PaymentsPortal.Core.Banking.Plaid;

namespace PaymentsPortal.Tests.Unit.Banking.Plaid;

[Trait("Tier", "Unit")]
public sealed class PlaidOptionsValidatorTests
{
    private static readonly PlaidOptionsValidator Validator = new();

    [Theory]
    [InlineData(PlaidEnvironment.Sandbox, null)]
    [InlineData(PlaidEnvironment.Production, null)]
    [InlineData(PlaidEnvironment.Production, "https://plaid-egress.internal.example/")]
    [InlineData(PlaidEnvironment.Simulator, "http://127.0.0.1:5071/")]
    public void Validate_UsableSettings_Succeeds(PlaidEnvironment environment, string? baseAddress)
    {
        var result = Validator.Validate(null, Options(environment, baseAddress));

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData(PlaidEnvironment.Development, null, "retired by Plaid")]
    [InlineData((PlaidEnvironment)42, null, "must be Sandbox, Production or Simulator")]
    [InlineData(PlaidEnvironment.Simulator, null, "BaseAddress is required for the Simulator")]
    [InlineData(PlaidEnvironment.Production, "http://production.plaid.com/", "must be an https URL")]
    [InlineData(PlaidEnvironment.Sandbox, "https://user:pw@sandbox.plaid.com/", "without user info")]
    public void Validate_WrongEnvironmentOrAddress_FailsNamingTheSetting(PlaidEnvironment environment, string? baseAddress, string expected)
    {
        var result = Validator.Validate(null, Options(environment, baseAddress));

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "Plaid:Secret is required.")]
    [InlineData("  ", "Plaid:Secret is required.")]
    [InlineData("0a1b2c3d4e5f6071\n8293a4b5c6d7e8", "must not contain spaces, line breaks")]
    [InlineData("0a1b2c3d4e5f60718293a4b5c6d7e8 ", "must not contain spaces, line breaks")]
    public void Validate_UnusableSecret_FailsWithoutQuotingIt(string secret, string expected)
    {
        var options = Options(PlaidEnvironment.Sandbox, null);
        options.Secret = secret;

        var result = Validator.Validate(null, options);

        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
        if (secret.Trim().Length > 0)
        {
            Assert.DoesNotContain("0a1b2c3d4e5f", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(601)]
    public void Validate_TimeoutOutOfRange_Fails(double seconds)
    {
        var options = Options(PlaidEnvironment.Sandbox, null);
        options.Timeout = TimeSpan.FromSeconds(seconds);

        Assert.Contains("Plaid:Timeout", Validator.Validate(null, options).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolveBaseAddress_PerEnvironment_PlaidsHostsOrTheOverride()
    {
        Assert.Equal(new Uri("https://sandbox.plaid.com/"), Options(PlaidEnvironment.Sandbox, null).ResolveBaseAddress());
        Assert.Equal(new Uri("https://production.plaid.com/"), Options(PlaidEnvironment.Production, null).ResolveBaseAddress());
        Assert.Equal(new Uri("http://127.0.0.1:5071/plaid/"), Options(PlaidEnvironment.Simulator, "http://127.0.0.1:5071/plaid").ResolveBaseAddress());
    }

    private static PlaidOptions Options(PlaidEnvironment environment, string? baseAddress) => new()
    {
        Environment = environment,
        ClientId = PlaidTestHost.ClientId,
        Secret = PlaidTestHost.Secret,
        BaseAddress = baseAddress is null ? null : new Uri(baseAddress),
    };
}
