using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Routing;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Payments.Checkout;
using PaymentsPortal.Tests.Integration.Gateways.Routing;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Payments.Checkout;

/// <summary>One checkout key, one payment: however often and however concurrently the browser sends it.</summary>
[Trait("Tier", "Integration")]
public sealed class VirtualTerminalTests : IAsyncLifetime
{
    private readonly ScriptedGateway stripe = new(GatewayKind.Stripe);
    private CoreHost host = default!;
    private Guid coffee;

    public async Task InitializeAsync()
    {
        host = await CoreHost.StartAsync(configure: services => services.AddSingleton<IGatewayAdapterFactory>(stripe));
        coffee = await host.MerchantIdAsync(DemoData.DemoCoffee);
        await GatewayChains.ConfigureAsync(host, coffee, GatewayKind.Stripe);
    }

    public async Task DisposeAsync()
    {
        await host.Services.DisposeAsync();
        await TestPostgres.DropDatabaseAsync(host.Database.Name);
    }

    private VirtualTerminal Terminal => host.Service<VirtualTerminal>();

    [Fact]
    public async Task Pay_SameKeyTwice_ReturnsTheSamePaymentAndCallsTheGatewayOnce()
    {
        var payment = Payment(VirtualTerminal.NewCheckoutKey());

        var first = await Terminal.PayAsync(await OperatorAsync(), payment);
        var retried = await Terminal.PayAsync(await OperatorAsync(), payment);

        Assert.Equal((CheckoutStage.Paid, PaymentStatus.Succeeded), (first.Stage, first.Status));
        Assert.Equal((first.PaymentId, first.Stage), (retried.PaymentId, retried.Stage));
        Assert.Single(stripe.Calls);
        Assert.Equal(1, await PaymentCountAsync());
    }

    [Fact]
    public async Task Pay_SameKeyAtOnce_OneReachesTheGatewayAndTheOtherSeesItInProgress()
    {
        var called = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        stripe.Answer = async request =>
        {
            called.TrySetResult();
            await release.Task;
            return GatewayResult.Succeeded("pi_" + request.AttemptId.ToString("N"));
        };
        var payment = Payment(VirtualTerminal.NewCheckoutKey());

        // The first request is at the gateway (its key claimed and committed) when the duplicate arrives.
        var first = Terminal.PayAsync(await OperatorAsync(), payment);
        await called.Task;

        var duplicate = await Terminal.PayAsync(await OperatorAsync(), payment);
        release.SetResult();
        var original = await first;

        Assert.Equal((CheckoutStage.InProgress, original.PaymentId), (duplicate.Stage, duplicate.PaymentId));
        Assert.Equal(CheckoutStage.Paid, original.Stage);
        Assert.Single(stripe.Calls);
        Assert.Equal(1, await PaymentCountAsync());
    }

    [Fact]
    public async Task Find_KeyNeverUsed_IsNull_AndAfterADeclineItIsThatPayment()
    {
        stripe.Answer = _ => Task.FromResult(GatewayResult.Declined("card_declined", "Your card was declined.", retryableElsewhere: false, "pi_declined"));
        var key = VirtualTerminal.NewCheckoutKey();
        Assert.Null(await Terminal.FindAsync(coffee, key));

        var declined = await Terminal.PayAsync(await OperatorAsync(), Payment(key));
        var found = await Terminal.FindAsync(coffee, key);

        Assert.NotNull(found);
        Assert.Equal((declined.PaymentId, CheckoutStage.NotPaid, "Your card was declined.", "card_declined"), (found.PaymentId, found.Stage, found.Message, found.DeclineCode));
    }

    [Fact]
    public async Task Find_AnotherMerchantsKey_IsNotFound()
    {
        var key = VirtualTerminal.NewCheckoutKey();
        await Terminal.PayAsync(await OperatorAsync(), Payment(key));

        var northwind = await host.MerchantIdAsync(DemoData.Northwind);

        Assert.Null(await Terminal.FindAsync(northwind, key));
    }

    [Fact]
    public async Task Pay_SameKeyWithAnotherCard_IsRefusedAndChargesNothingMore()
    {
        var key = VirtualTerminal.NewCheckoutKey();
        await Terminal.PayAsync(await OperatorAsync(), Payment(key));

        var other = await Terminal.PayAsync(await OperatorAsync(), Payment(key) with { Token = new PaymentToken(GatewayKind.Stripe, "pm_card_mastercard") });

        Assert.Equal(CheckoutStage.Refused, other.Stage);
        Assert.Single(stripe.Calls);
    }

    [Theory]
    [InlineData("", "The checkout has no valid key")]
    [InlineData("vt_ok", "The customer's email address is not valid.")]
    public async Task Pay_InvalidRequest_IsRefusedBeforeAnythingIsStored(string key, string problem)
    {
        var outcome = await Terminal.PayAsync(await OperatorAsync(), Payment(key) with { CustomerEmail = "not an email" });

        Assert.Equal(CheckoutStage.Refused, outcome.Stage);
        Assert.StartsWith(problem, outcome.Message, StringComparison.Ordinal);
        Assert.Equal(0, await PaymentCountAsync());
        Assert.Empty(stripe.Calls);
    }

    private static TerminalPayment Payment(string key) =>
        new(key, new Money(1234, Currency.Usd), new PaymentToken(GatewayKind.Stripe, "pm_card_visa"), "terminal", "customer@example.com");

    private async Task<int> PaymentCountAsync()
    {
        await using var db = host.Context(coffee);
        return await db.Payments.CountAsync();
    }

    private Task<PaymentsPortal.Core.Tenancy.UserAccess> OperatorAsync() => host.ResolveAsync("operator@demo.local", coffee);
}
