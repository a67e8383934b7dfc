using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Stripe;
using PaymentsPortal.Sandbox;
using PaymentsPortal.Sandbox.Stripe;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Gateways.Stripe;

/// <summary>The adapter as the app builds it: from DI, with the named HttpClient and real logging.</summary>
[Trait("Tier", "Integration")]
public sealed class StripeGatewayFactoryTests
{
    [Fact]
    public async Task Create_FromServices_ChargesThroughTheNamedHttpClient()
    {
        await using var sandbox = await StripeSandbox.StartAsync();
        await using var services = Services(new CapturingLoggerProvider());
        var gateway = services.GetRequiredService<StripeGatewayFactory>().Create(Connection(sandbox, StripeSandbox.SecretKey));

        var result = await gateway.AuthorizeAsync(StripeSandbox.Authorize(StripeTestCards.Visa, StripeSandbox.Usd(700)), CancellationToken.None);

        Assert.Equal(GatewayKind.Stripe, gateway.Kind);
        Assert.Equal(GatewayOutcome.Succeeded, result.Outcome);
    }

    [Fact]
    public async Task Failures_AreLoggedWithoutTheSecretKey()
    {
        const string secret = "sk_test_secret_value_that_must_not_be_logged";
        var logs = new CapturingLoggerProvider();
        await using var sandbox = await StripeSandbox.StartAsync();
        await using var services = Services(logs);
        var gateway = services.GetRequiredService<StripeGatewayFactory>().Create(Connection(sandbox, secret));
        var wrongKey = services.GetRequiredService<StripeGatewayFactory>().Create(Connection(sandbox, "sk_live_" + secret));

        await sandbox.SetFaultsAsync(new FaultSettings(ServerError: 1));
        var serverError = await gateway.AuthorizeAsync(StripeSandbox.Authorize(StripeTestCards.Visa, StripeSandbox.Usd(700)), CancellationToken.None);
        await sandbox.SetFaultsAsync(new FaultSettings(Outage: true));
        var outage = await gateway.AuthorizeAsync(StripeSandbox.Authorize(StripeTestCards.Visa, StripeSandbox.Usd(700)), CancellationToken.None);
        await sandbox.SetFaultsAsync(FaultSettings.None);
        var rejected = await wrongKey.AuthorizeAsync(StripeSandbox.Authorize(StripeTestCards.Visa, StripeSandbox.Usd(700)), CancellationToken.None);

        Assert.Equal([GatewayOutcome.Unknown, GatewayOutcome.NotSent, GatewayOutcome.Declined], [serverError.Outcome, outage.Outcome, rejected.Outcome]);
        Assert.Contains(logs.Entries, entry => entry.Level == LogLevel.Warning && entry.Message.Contains("api_error", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, entry => entry.Message.Contains("secret_value", StringComparison.Ordinal));
        Assert.DoesNotContain("secret_value", string.Join(' ', serverError, outage, rejected), StringComparison.Ordinal);
    }

    [Fact]
    public void Create_ConnectionForAnotherGateway_IsRefusedWithoutNamingTheSecret()
    {
        using var services = Services(new CapturingLoggerProvider());
        var braintree = new GatewayConnection(GatewayKind.Braintree, new Uri("http://127.0.0.1:1/"), "merchant", "public:private_key_value", TimeSpan.FromSeconds(5));

        var refused = Assert.Throws<ArgumentException>(() => services.GetRequiredService<StripeGatewayFactory>().Create(braintree));

        Assert.DoesNotContain("private_key_value", refused.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Services(CapturingLoggerProvider logs) =>
        new ServiceCollection().AddLogging(logging => logging.AddProvider(logs)).AddStripeGateway().BuildServiceProvider();

    private static GatewayConnection Connection(StripeSandbox sandbox, string secret) =>
        new(GatewayKind.Stripe, sandbox.Host.AddressOf(GatewayKind.Stripe), null, secret, StripeSandbox.RelaxedTimeout);
}
