using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Payments.Details;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Payments.Details;

/// <summary>The payment page's read against PostgreSQL: one payment with its timeline and attempts, for its own merchant only.</summary>
[Trait("Tier", "Integration")]
public sealed class PaymentDetailsTests : IAsyncLifetime
{
    private CoreHost host = default!;
    private Guid coffee;
    private Guid northwind;

    public async Task InitializeAsync()
    {
        host = await CoreHost.StartAsync();
        coffee = await host.MerchantIdAsync(DemoData.DemoCoffee);
        northwind = await host.MerchantIdAsync(DemoData.Northwind);
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task FindAsync_FailedOverPayment_HasItsAmountsCardTimelineAndBothAttempts()
    {
        var id = await PaymentTestData.FailedOverAsync(host.Services, host.Database.AppConnectionString, coffee, new Money(1250, Currency.Eur),
            "jane@example.com", "Two flat whites");

        var payment = await host.Service<PaymentDetails>().FindAsync(coffee, id);

        Assert.NotNull(payment);
        Assert.Equal((PaymentStatus.Succeeded, new Money(1250, Currency.Eur), 1250L, 0L), (payment.Status, payment.Amount, payment.CapturedMinor, payment.RefundedMinor));
        Assert.Equal(("jane@example.com", "Two flat whites"), (payment.CustomerEmail, payment.Description));
        Assert.Equal((GatewayKind.Braintree, "bt_txn_0042", "visa", "1881", 3, 2030),
            (payment.Gateway, payment.GatewayReference, payment.CardBrand, payment.CardLast4, payment.CardExpiryMonth, payment.CardExpiryYear));

        Assert.Equal([1, 2, 3, 4], payment.Timeline.Select(e => e.Sequence));
        Assert.Equal([PaymentStatus.Created, PaymentStatus.Processing, PaymentStatus.Processing, PaymentStatus.Succeeded], payment.Timeline.Select(e => e.To));
        Assert.Equal([null, PaymentStatus.Created, PaymentStatus.Processing, PaymentStatus.Processing], payment.Timeline.Select(e => e.From));
        // Each move a gateway call caused names that call by its number.
        Assert.Equal([null, null, 1, 2], payment.Timeline.Select(e => e.AttemptNumber));
        Assert.All(payment.Timeline, e => Assert.Equal("payment router", e.Actor));

        Assert.Equal([(1, GatewayKind.Stripe, GatewayOutcome.NotSent, "connection_refused", 3), (2, GatewayKind.Braintree, GatewayOutcome.Succeeded, null, 184)],
            payment.Attempts.Select(a => (a.Number, a.Gateway, a.Outcome.GetValueOrDefault(), a.Code, a.LatencyMs.GetValueOrDefault())));
    }

    [Fact]
    public async Task FindAsync_AnotherMerchantsPayment_IsNotFound()
    {
        var theirs = await PaymentTestData.FailedOverAsync(host.Services, host.Database.AppConnectionString, northwind, new Money(500, Currency.Usd),
            "reader@example.com", "A book");

        Assert.Null(await host.Service<PaymentDetails>().FindAsync(coffee, theirs));
        Assert.NotNull(await host.Service<PaymentDetails>().FindAsync(northwind, theirs));
    }

    [Fact]
    public async Task FindAsync_UnknownId_IsNotFound() =>
        Assert.Null(await host.Service<PaymentDetails>().FindAsync(coffee, Guid.NewGuid()));
}
