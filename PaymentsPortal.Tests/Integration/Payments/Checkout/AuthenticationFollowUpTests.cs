using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Routing;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Payments.Checkout;
using PaymentsPortal.Core.Payments.Reconciliation;
using PaymentsPortal.Tests.Integration.Gateways.Routing;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Payments.Checkout;

/// <summary>After 3-D Secure the payment follows what the gateway holds for the challenged attempt, never the browser's word.</summary>
[Trait("Tier", "Integration")]
public sealed class AuthenticationFollowUpTests : IAsyncLifetime
{
    private readonly ScriptedGateway stripe = new(GatewayKind.Stripe);
    private readonly ScriptedGateway braintree = new(GatewayKind.Braintree);
    private readonly ManualClock clock = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private CoreHost host = default!;
    private Guid coffee;

    public async Task InitializeAsync()
    {
        host = await CoreHost.StartAsync(clock: clock, configure: services =>
        {
            services.AddSingleton<IGatewayAdapterFactory>(stripe);
            services.AddSingleton<IGatewayAdapterFactory>(braintree);
        });
        coffee = await host.MerchantIdAsync(DemoData.DemoCoffee);
        await GatewayChains.ConfigureAsync(host, coffee, GatewayKind.Stripe, GatewayKind.Braintree);
        stripe.Answer = request => Task.FromResult(GatewayResult.RequiresAction("pi_challenged", "pi_challenged_secret_abc"));
    }

    public async Task DisposeAsync()
    {
        await host.Services.DisposeAsync();
        await TestPostgres.DropDatabaseAsync(host.Database.Name);
    }

    private AuthenticationFollowUp FollowUp => host.Service<AuthenticationFollowUp>();

    [Fact]
    public async Task Confirm_GatewayReportsTheChargeCaptured_PaymentSucceedsWithTheAmountCaptured()
    {
        var outcome = await PayAsync();
        Assert.Equal((CheckoutStage.NeedsAuthentication, "pi_challenged_secret_abc"), (outcome.Stage, outcome.ClientSecret));
        stripe.Lookup = _ => GatewayLookup.Of(GatewayChargeState.Captured, "pi_challenged", new Money(1500, Currency.Usd));

        var confirmed = await FollowUp.ConfirmAsync(coffee, outcome.PaymentId!.Value);

        Assert.Equal((CheckoutStage.Paid, PaymentStatus.Succeeded), (confirmed.Stage, confirmed.Status));
        var payment = await PaymentAsync(outcome.PaymentId.Value);
        Assert.Equal((PaymentStatus.Succeeded, 1500L, "pi_challenged"), (payment.Status, payment.CapturedMinor, payment.GatewayReference));
        Assert.Equal([AttemptOperation.Authorize, AttemptOperation.Lookup], (await AttemptsAsync(payment.Id)).Select(a => a.Operation));
        Assert.Empty(braintree.Calls);
    }

    [Fact]
    public async Task Confirm_AuthenticationFailed_PaymentFailsAndNothingIsCaptured()
    {
        var outcome = await PayAsync();
        stripe.Lookup = _ => GatewayLookup.Of(GatewayChargeState.Failed, "pi_challenged", new Money(1500, Currency.Usd));

        var confirmed = await FollowUp.ConfirmAsync(coffee, outcome.PaymentId!.Value);

        Assert.Equal((CheckoutStage.NotPaid, PaymentStatus.Failed), (confirmed.Stage, confirmed.Status));
        Assert.Equal((PaymentStatus.Failed, 0L), ((await PaymentAsync(outcome.PaymentId.Value)).Status, (await PaymentAsync(outcome.PaymentId.Value)).CapturedMinor));
    }

    [Fact]
    public async Task Confirm_CustomerHasNotFinished_NothingMoves()
    {
        var outcome = await PayAsync();
        stripe.Lookup = _ => GatewayLookup.Of(GatewayChargeState.RequiresAction, "pi_challenged", new Money(1500, Currency.Usd));

        var confirmed = await FollowUp.ConfirmAsync(coffee, outcome.PaymentId!.Value);

        Assert.Equal(CheckoutStage.NeedsAuthentication, confirmed.Stage);
        Assert.Equal(PaymentStatus.RequiresAction, (await PaymentAsync(outcome.PaymentId.Value)).Status);
    }

    [Fact]
    public async Task Confirm_GatewayUnreachable_ParksThePaymentAndReconciliationSettlesItLater()
    {
        var outcome = await PayAsync();
        stripe.Lookup = _ => GatewayLookup.Unreachable(GatewayOutcome.Unknown, "timed out");

        var confirmed = await FollowUp.ConfirmAsync(coffee, outcome.PaymentId!.Value);

        Assert.Equal((CheckoutStage.Confirming, PaymentStatus.RequiresReconciliation), (confirmed.Stage, confirmed.Status));
        Assert.Equal(clock.GetUtcNow() + PaymentRouter.FirstReconciliationDelay, (await PaymentAsync(outcome.PaymentId.Value)).NextReconciliationAt);

        // Reconciliation looks up the same challenged attempt and settles the payment by what Stripe holds.
        stripe.Lookup = _ => GatewayLookup.Of(GatewayChargeState.Captured, "pi_challenged", new Money(1500, Currency.Usd));
        clock.Advance(PaymentRouter.FirstReconciliationDelay);
        Assert.Equal(1, await host.Service<PaymentReconciliation>().ReconcileDueAsync(10));
        var payment = await PaymentAsync(outcome.PaymentId.Value);
        Assert.Equal((PaymentStatus.Succeeded, 1500L), (payment.Status, payment.CapturedMinor));
        Assert.Empty(braintree.Calls);
    }

    [Fact]
    public async Task Confirm_GatewayHoldsAnotherAmount_IsNotSettledButParkedForAPerson()
    {
        var outcome = await PayAsync();
        stripe.Lookup = _ => GatewayLookup.Of(GatewayChargeState.Captured, "pi_challenged", new Money(9999, Currency.Usd));

        var confirmed = await FollowUp.ConfirmAsync(coffee, outcome.PaymentId!.Value);

        Assert.Equal(CheckoutStage.Confirming, confirmed.Stage);
        Assert.Equal(0L, (await PaymentAsync(outcome.PaymentId.Value)).CapturedMinor);
    }

    [Fact]
    public async Task Confirm_AskedAgainAfterSettling_AnswersFromThePaymentWithoutAnotherLookup()
    {
        var outcome = await PayAsync();
        var lookups = 0;
        stripe.Lookup = _ =>
        {
            lookups++;
            return GatewayLookup.Of(GatewayChargeState.Captured, "pi_challenged", new Money(1500, Currency.Usd));
        };

        await FollowUp.ConfirmAsync(coffee, outcome.PaymentId!.Value);
        var again = await FollowUp.ConfirmAsync(coffee, outcome.PaymentId.Value);

        Assert.Equal((CheckoutStage.Paid, 1), (again.Stage, lookups));
    }

    private async Task<CheckoutOutcome> PayAsync() =>
        await host.Service<VirtualTerminal>().PayAsync(await OperatorAsync(), new TerminalPayment(
            VirtualTerminal.NewCheckoutKey(), new Money(1500, Currency.Usd), new PaymentToken(GatewayKind.Stripe, "pm_card_threeDSecure2Required"), "3ds", null));

    private async Task<Payment> PaymentAsync(Guid id)
    {
        await using var db = host.Context(coffee);
        return await db.Payments.AsNoTracking().SingleAsync(p => p.Id == id);
    }

    private async Task<List<PaymentAttempt>> AttemptsAsync(Guid id)
    {
        await using var db = host.Context(coffee);
        return await db.PaymentAttempts.AsNoTracking().Where(a => a.PaymentId == id).OrderBy(a => a.Number).ToListAsync();
    }

    private Task<PaymentsPortal.Core.Tenancy.UserAccess> OperatorAsync() => host.ResolveAsync("operator@demo.local", coffee);
}
