using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Routing;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Payments.Reconciliation;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Sandbox;
using PaymentsPortal.Sandbox.Braintree;
using PaymentsPortal.Sandbox.Stripe;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Sandbox;

/// <summary>
/// The whole path as Sandbox mode runs it: the router and the real Stripe.net and Braintree adapters, over HTTP, to
/// the simulators the app serves itself. Each test sets its own faults and clears them afterwards.
/// </summary>
[Trait("Tier", "Integration")]
public sealed class SandboxPaymentsTests(PortalAppFixture fixture) : IClassFixture<PortalAppFixture>, IAsyncLifetime
{
    private Guid coffee;

    public async Task InitializeAsync()
    {
        await using var db = Context(null);
        coffee = await db.Merchants.Where(m => m.Name == DemoData.DemoCoffee).Select(m => m.Id).SingleAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var kind in Enum.GetValues<GatewayKind>())
        {
            Faults.Set(kind, FaultSettings.None);
            await fixture.App.Service<SandboxGateways>().Host.ApplyOutageAsync(kind, false);
        }
    }

    [Fact]
    public async Task DemoMerchant_HasStripeThenBraintree()
    {
        await using var db = Context(coffee);

        var chain = await db.MerchantGateways.OrderBy(g => g.Priority).Select(g => new { g.Gateway, g.SecretHint }).ToListAsync();

        Assert.Equal([GatewayKind.Stripe, GatewayKind.Braintree], chain.Select(g => g.Gateway));
        // Only the last four characters of a secret are kept readable.
        Assert.All(chain, g => Assert.StartsWith("…", g.SecretHint, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pay_StripeTestCard_CapturedOnceAtTheSimulator()
    {
        var result = await PayAsync(new PaymentToken(GatewayKind.Stripe, "pm_card_visa"), 2500);

        Assert.Equal(PaymentStatus.Succeeded, result.Status);
        var (payment, attempts) = await LoadAsync(result.PaymentId!.Value);
        Assert.Equal(("4242", GatewayKind.Stripe), (payment.CardLast4, payment.Gateway!.Value));
        Assert.Equal(2500, fixture.App.Service<StripeSimulator>().NetCapturedFor(attempts.Single().Id));
    }

    [Fact]
    public async Task Pay_BraintreeNonce_SkipsStripeAndChargesBraintree()
    {
        var result = await PayAsync(new PaymentToken(GatewayKind.Braintree, "fake-valid-nonce"), 1999);

        Assert.Equal(PaymentStatus.Succeeded, result.Status);
        var (_, attempts) = await LoadAsync(result.PaymentId!.Value);
        Assert.Equal([(GatewayKind.Stripe, "token_not_usable"), (GatewayKind.Braintree, null)], attempts.Select(a => (a.Gateway, a.Code)));
        Assert.Single(fixture.App.Service<BraintreeSimulator>().ChargesFor(attempts[1].Id));
    }

    [Theory]
    [InlineData("JPY", 1500, PaymentStatus.Succeeded)]
    [InlineData("KRW", 1500, PaymentStatus.Failed)]
    public async Task Pay_BraintreeNonceInAnotherCurrency_ChargedOnlyWhereAnAccountSettlesIt(string currency, long minorUnits, PaymentStatus expected)
    {
        var amount = new Money(minorUnits, Currency.From(currency));

        var result = await fixture.App.Service<PaymentRouter>().PayAsync(new PayCommand(
            coffee, Guid.NewGuid().ToString(), amount, new PaymentToken(GatewayKind.Braintree, "fake-valid-nonce"), true, null, null, null,
            AuditActor.System("test"), TestActors.Origin));

        Assert.Equal(expected, result.Status);
        var (_, attempts) = await LoadAsync(result.PaymentId!.Value);
        var braintree = attempts.Single(a => a.Gateway == GatewayKind.Braintree);
        var charges = fixture.App.Service<BraintreeSimulator>().ChargesFor(braintree.Id);
        // The demo lists no won account, so a KRW payment is never sent, rather than charged as dollars.
        Assert.Equal(expected == PaymentStatus.Succeeded ? [amount] : [], charges.Select(c => c.Amount));
        Assert.Equal(expected == PaymentStatus.Succeeded ? null : "currency_not_supported", braintree.Code);
    }

    [Fact]
    public async Task Pay_StripeDeclinesForInsufficientFunds_FailsWithoutFailover()
    {
        var result = await PayAsync(new PaymentToken(GatewayKind.Stripe, "pm_card_chargeDeclinedInsufficientFunds"), 1000);

        Assert.Equal(PaymentStatus.Failed, result.Status);
        Assert.Contains("insufficient_funds", result.DeclineCode, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pay_StripeDown_NothingChargedAndThePaymentFailsCleanly()
    {
        Faults.Set(GatewayKind.Stripe, new FaultSettings(Outage: true));
        await fixture.App.Service<SandboxGateways>().Host.ApplyOutageAsync(GatewayKind.Stripe, true);

        var result = await PayAsync(new PaymentToken(GatewayKind.Stripe, "pm_card_visa"), 1000);

        Assert.Equal(PaymentStatus.Failed, result.Status);
        var (_, attempts) = await LoadAsync(result.PaymentId!.Value);
        Assert.Equal(GatewayOutcome.NotSent, attempts[0].Outcome);
        Assert.Empty(fixture.App.Service<StripeSimulator>().ChargesFor(attempts[0].Id));
    }

    [Fact]
    public async Task Pay_StripeCommitsButTheReplyIsLost_ReconciliationFindsTheChargeAndNothingIsChargedTwice()
    {
        await SetStripeTimeoutAsync(500);
        Faults.Set(GatewayKind.Stripe, new FaultSettings(TimeoutAfterCommit: 1));

        var result = await PayAsync(new PaymentToken(GatewayKind.Stripe, "pm_card_visa"), 4200);
        Assert.Equal(PaymentStatus.RequiresReconciliation, result.Status);
        Faults.Set(GatewayKind.Stripe, FaultSettings.None);

        var settled = await fixture.App.Service<PaymentReconciliation>().ReconcileAsync(coffee, result.PaymentId!.Value);

        Assert.Equal(ReconciliationResult.Settled, settled);
        var (payment, attempts) = await LoadAsync(result.PaymentId.Value);
        Assert.Equal(PaymentStatus.Succeeded, payment.Status);
        Assert.Equal(4200, fixture.App.Service<StripeSimulator>().NetCapturedFor(attempts[0].Id));
        Assert.Empty(fixture.App.Service<BraintreeSimulator>().ChargesFor(attempts[0].Id));
        await SetStripeTimeoutAsync(10_000);
    }

    private SimulatedFaults Faults => fixture.App.Service<SimulatedFaults>();

    private Task<PayResult> PayAsync(PaymentToken token, long amountMinor) =>
        fixture.App.Service<PaymentRouter>().PayAsync(new PayCommand(
            coffee, Guid.NewGuid().ToString(), new Money(amountMinor, Currency.Usd), token, true, "Sandbox test", "ada@example.com", null,
            AuditActor.System("test"), TestActors.Origin));

    private async Task<(Payment Payment, List<PaymentAttempt> Attempts)> LoadAsync(Guid id)
    {
        await using var db = Context(coffee);
        var payment = await db.Payments.SingleAsync(p => p.Id == id);
        var attempts = await db.PaymentAttempts.Where(a => a.PaymentId == id && a.Operation == AttemptOperation.Authorize).OrderBy(a => a.Number).ToListAsync();
        return (payment, attempts);
    }

    private async Task SetStripeTimeoutAsync(int milliseconds)
    {
        await using var db = Context(coffee);
        var stripe = await db.MerchantGateways.SingleAsync(g => g.Gateway == GatewayKind.Stripe);
        stripe.AttemptTimeoutMs = milliseconds;
        await db.SaveChangesAsync();
    }

    private Core.Persistence.PortalDbContext Context(Guid? merchant) =>
        CoreHost.CreateContext(fixture.Database.AppConnectionString, new FixedTenantScope(merchant));
}
