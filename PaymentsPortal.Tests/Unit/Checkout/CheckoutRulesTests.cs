using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Routing;
using PaymentsPortal.Core.Gateways.Settings;
using PaymentsPortal.Core.Hosting;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Payments.Checkout;
using PaymentsPortal.Hosting;

namespace PaymentsPortal.Tests.Unit.Checkout;

[Trait("Tier", "Unit")]
public sealed class CheckoutRulesTests
{
    [Theory]
    [InlineData(null, true)]
    [InlineData("pk_test_51Abc", true)]
    [InlineData("pk_live_51Abc", true)]
    [InlineData("sk_test_51Abc", false)]
    [InlineData("sk_live_51Abc", false)]
    [InlineData("rk_live_51Abc", false)]
    [InlineData("acct_123", false)]
    [InlineData("pk_test_ 51Abc", false)]
    public void StripeAccountId_OnlyAPublishableKey_NeverASecretOne(string? accountId, bool accepted)
    {
        Assert.Equal(accepted, GatewaySecretRules.AccountIdProblem(GatewayKind.Stripe, accountId) is null);
    }

    [Fact]
    public void BraintreeAccountId_IsItsMerchantId_AnyValue()
    {
        Assert.Null(GatewaySecretRules.AccountIdProblem(GatewayKind.Braintree, "portal-merchant"));
    }

    [Fact]
    public void Csp_Sandbox_AllowsScriptsAndFramesFromTheAppOnly()
    {
        var policy = ContentSecurityPolicy.For(PortalMode.Sandbox);

        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("frame-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("https:", policy, StringComparison.Ordinal);
    }

    [Fact]
    public void Csp_Live_AllowsStripeJsBraintreeWebAndPlaidLinkButNoInlineScript()
    {
        var policy = ContentSecurityPolicy.For(PortalMode.Live);

        Assert.Contains("script-src 'self' https://js.stripe.com https://js.braintreegateway.com https://cdn.plaid.com;", policy, StringComparison.Ordinal);
        Assert.Contains("frame-src 'self' https://js.stripe.com https://hooks.stripe.com https://assets.braintreegateway.com https://cdn.plaid.com;", policy, StringComparison.Ordinal);
        Assert.Contains("https://hooks.stripe.com", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self' https://api.stripe.com", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src 'self' 'unsafe-inline'", policy, StringComparison.Ordinal);
    }

    [Fact]
    public void Outcome_ReplayOfAResultThePaymentHasMovedOn_SpeaksOfTheCurrentStatus()
    {
        var id = Guid.NewGuid();
        var recorded = new PayResult(PayResultKind.Completed, id, PaymentStatus.RequiresAction, "Authenticate.", NextAction: "pi_1_secret_2");

        var waiting = CheckoutOutcome.Of(id, PaymentStatus.RequiresAction, recorded);
        var settled = CheckoutOutcome.Of(id, PaymentStatus.Succeeded, recorded);

        Assert.Equal((CheckoutStage.NeedsAuthentication, "pi_1_secret_2"), (waiting.Stage, waiting.ClientSecret));
        Assert.Equal((CheckoutStage.Paid, (string?)null), (settled.Stage, settled.ClientSecret));
    }

    [Fact]
    public void Outcome_EveryStatus_HasAStage()
    {
        foreach (var status in Enum.GetValues<PaymentStatus>())
        {
            Assert.True(Enum.IsDefined(CheckoutOutcome.StageOf(status)), status.ToString());
            Assert.False(string.IsNullOrWhiteSpace(CheckoutOutcome.Of(Guid.NewGuid(), status, null).Message));
        }
    }

    [Fact]
    public void CheckoutKey_IsNewEachTimeAndAValidIdempotencyKey()
    {
        var first = VirtualTerminal.NewCheckoutKey();

        Assert.NotEqual(first, VirtualTerminal.NewCheckoutKey());
        Assert.True(Core.Idempotency.IdempotencyKeys.IsValidKey(first));
    }
}
