using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Settings;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Gateways.Settings;

[Trait("Tier", "Integration")]
public sealed class GatewaySettingsAdministrationTests : IAsyncLifetime
{
    private const string StripeSecret = "sk_test_51AbCdEfGhIjKlMnOp4242";
    private CoreHost host = default!;
    private Guid coffee;

    public async Task InitializeAsync()
    {
        host = await CoreHost.StartAsync();
        coffee = await host.MerchantIdAsync(DemoData.DemoCoffee);
    }

    public async Task DisposeAsync()
    {
        await host.Services.DisposeAsync();
        await TestPostgres.DropDatabaseAsync(host.Database.Name);
    }

    private GatewaySettingsAdministration Admin => host.Service<GatewaySettingsAdministration>();

    [Fact]
    public async Task Save_StripeWithItsPublishableKey_KeepsItInPlainTextForStripeJs()
    {
        var result = await Admin.SaveAsync(coffee, TestActors.Someone, new GatewaySettingInput(GatewayKind.Stripe, true, 8000, "pk_test_publishable", null, StripeSecret));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("pk_test_publishable", Assert.Single(await Admin.ListAsync(coffee)).AccountId);
    }

    [Fact]
    public async Task Save_StripeSecretKeyAsThePublishableKey_IsRefusedAndNothingIsStored()
    {
        var result = await Admin.SaveAsync(coffee, TestActors.Someone, new GatewaySettingInput(GatewayKind.Stripe, true, 8000, StripeSecret, null, StripeSecret));

        Assert.False(result.Succeeded);
        Assert.Contains("secret key", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(StripeSecret, result.Error, StringComparison.Ordinal);
        Assert.Empty(await Admin.ListAsync(coffee));
    }

    [Fact]
    public async Task Save_NewGateway_StoresTheSecretEncryptedAndShowsOnlyItsHint()
    {
        var result = await Admin.SaveAsync(coffee, TestActors.Someone, new GatewaySettingInput(GatewayKind.Stripe, true, 8000, null, null, StripeSecret));

        Assert.True(result.Succeeded, result.Error);
        var row = Assert.Single(await Admin.ListAsync(coffee));
        Assert.Equal((GatewayKind.Stripe, 1, 8000, "…4242"), (row.Gateway, row.Priority, row.AttemptTimeoutMs, row.SecretHint));
        await using var db = host.Context(coffee);
        var stored = await db.MerchantGateways.SingleAsync();
        Assert.DoesNotContain(StripeSecret, stored.ProtectedSecret, StringComparison.Ordinal);
        Assert.Equal(StripeSecret, host.Service<GatewayCredentialProtector>().Unprotect(stored.ProtectedSecret));
    }

    [Fact]
    public async Task Save_BraintreeAccountsPerCurrency_AreCheckedAndStoredInOneForm()
    {
        var bad = await Admin.SaveAsync(coffee, TestActors.Someone, new GatewaySettingInput(GatewayKind.Braintree, true, 5000, "m1", "USD=a, usd=b", "pub:priv"));
        var good = await Admin.SaveAsync(coffee, TestActors.Someone, new GatewaySettingInput(GatewayKind.Braintree, true, 5000, "m1", "usd = acme_usd,EUR=acme_eur", "pub:priv"));

        Assert.Equal("Merchant accounts: USD is listed twice; each currency settles in one merchant account.", bad.Error);
        Assert.True(good.Succeeded, good.Error);
        Assert.Equal("EUR=acme_eur, USD=acme_usd", Assert.Single(await Admin.ListAsync(coffee)).MerchantAccountId);
    }

    [Fact]
    public async Task Save_EveryChange_IsAuditedWithoutTheSecret()
    {
        await Admin.SaveAsync(coffee, TestActors.Someone, new GatewaySettingInput(GatewayKind.Stripe, true, 8000, null, null, StripeSecret));
        await Admin.SaveAsync(coffee, TestActors.Someone, new GatewaySettingInput(GatewayKind.Stripe, false, 9000, null, null, null));
        await Admin.SaveAsync(coffee, TestActors.Someone, new GatewaySettingInput(GatewayKind.Stripe, true, 9000, null, null, "sk_test_replacement9999"));
        await Admin.SaveAsync(coffee, TestActors.Someone, new GatewaySettingInput(GatewayKind.Braintree, true, 5000, "m1", "portal_usd", "pub:priv_secret"));
        await Admin.MoveAsync(coffee, TestActors.Someone, GatewayKind.Braintree, earlier: true);
        await Admin.RemoveAsync(coffee, TestActors.Someone, GatewayKind.Stripe);

        await using var db = host.Context(coffee);
        var entries = await db.AuditEntries.Where(e => e.TargetType == "gateway").OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal(
            [AuditAction.GatewayAdded, AuditAction.GatewaySettingsChanged, AuditAction.GatewayCredentialsReplaced, AuditAction.GatewayAdded,
                AuditAction.GatewayOrderChanged, AuditAction.GatewayRemoved],
            entries.Select(e => e.Action));
        Assert.All(entries, e =>
        {
            Assert.DoesNotContain("sk_test_51AbCdEfGhIjKlMnOp", e.Details, StringComparison.Ordinal);
            Assert.DoesNotContain("replacement", e.Details, StringComparison.Ordinal);
            Assert.DoesNotContain("priv_secret", e.Details, StringComparison.Ordinal);
        });
        Assert.Equal([GatewayKind.Braintree], (await Admin.ListAsync(coffee)).Select(r => r.Gateway));
    }

    [Fact]
    public async Task Move_SwapsTheOrder()
    {
        await Admin.SaveAsync(coffee, TestActors.Someone, new GatewaySettingInput(GatewayKind.Stripe, true, 8000, null, null, StripeSecret));
        await Admin.SaveAsync(coffee, TestActors.Someone, new GatewaySettingInput(GatewayKind.Braintree, true, 8000, null, null, "pub:priv"));

        Assert.True((await Admin.MoveAsync(coffee, TestActors.Someone, GatewayKind.Braintree, earlier: true)).Succeeded);
        var first = await Admin.MoveAsync(coffee, TestActors.Someone, GatewayKind.Braintree, earlier: true);

        Assert.Equal([GatewayKind.Braintree, GatewayKind.Stripe], (await Admin.ListAsync(coffee)).Select(r => r.Gateway));
        Assert.Equal("Braintree is already first.", first.Error);
    }

    [Theory]
    [InlineData(GatewayKind.Stripe, "pk_test_123", "publishable key")]
    [InlineData(GatewayKind.Stripe, "hello", "starts with sk_live_")]
    [InlineData(GatewayKind.Braintree, "onlyonepart", "public_key:private_key")]
    public async Task Save_SecretOfTheWrongShape_IsRefusedWithTheReason(GatewayKind gateway, string secret, string reason)
    {
        var result = await Admin.SaveAsync(coffee, TestActors.Someone, new GatewaySettingInput(gateway, true, 8000, null, null, secret));

        Assert.False(result.Succeeded);
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, result.Error, StringComparison.Ordinal);
        Assert.Empty(await Admin.ListAsync(coffee));
    }

    [Theory]
    [InlineData(50)]
    [InlineData(120_000)]
    public async Task Save_TimeoutOutOfRange_IsRefused(int timeoutMs)
    {
        var result = await Admin.SaveAsync(coffee, TestActors.Someone, new GatewaySettingInput(GatewayKind.Stripe, true, timeoutMs, null, null, StripeSecret));

        Assert.Contains("between 100 and 60000 ms", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_NewGatewayWithoutCredentials_IsRefused()
    {
        var result = await Admin.SaveAsync(coffee, TestActors.Someone, new GatewaySettingInput(GatewayKind.Stripe, true, 8000, null, null, ""));

        Assert.Equal("Enter Stripe's credentials to add it.", result.Error);
    }

    [Fact]
    public async Task List_AnotherMerchantsGateways_AreNotVisible()
    {
        await Admin.SaveAsync(coffee, TestActors.Someone, new GatewaySettingInput(GatewayKind.Stripe, true, 8000, null, null, StripeSecret));

        Assert.Empty(await Admin.ListAsync(await host.MerchantIdAsync(DemoData.Northwind)));
    }
}
