using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Routing;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Payments.Checkout;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Sandbox;
using PaymentsPortal.Sandbox.Stripe;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Sandbox;

/// <summary>The app with a zero 3-D Secure timeout, so every payment waiting for the customer is due at once.</summary>
public sealed class ImpatientCheckoutFixture : PortalAppFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Payments:Checkout:AuthenticationTimeout"] = "00:00:00",
    };
}

/// <summary>
/// Payments whose customer never finished 3-D Secure, against the Stripe simulator through Stripe.net with webhooks off: canceled at
/// Stripe and then in the portal; or, when the customer did finish and only the news was lost, settled on what Stripe holds.
/// </summary>
[Trait("Tier", "Integration")]
public sealed class AbandonedAuthenticationTests(ImpatientCheckoutFixture fixture) : IClassFixture<ImpatientCheckoutFixture>, IAsyncLifetime
{
    private Guid coffee;

    private AbandonedAuthentications Expiry => fixture.App.Service<AbandonedAuthentications>();

    public async Task InitializeAsync()
    {
        await using var db = Context(null);
        coffee = await db.Merchants.Where(m => m.Name == DemoData.DemoCoffee).Select(m => m.Id).SingleAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Expire_ACustomerWhoNeverAuthenticated_CanceledAtStripeThenInThePortal()
    {
        var waiting = await PayWithThreeDSecureAsync(4400);

        var outcome = await Expiry.ExpireAsync(coffee, waiting.PaymentId!.Value);

        Assert.Equal(AuthenticationExpiry.Canceled, outcome);
        var payment = await PaymentAsync(waiting.PaymentId.Value);
        Assert.Equal(PaymentStatus.Canceled, payment.Status);
        var attempts = await AttemptsAsync(payment.Id);
        Assert.Equal(
            [(AttemptOperation.Authorize, GatewayOutcome.RequiresAction), (AttemptOperation.Lookup, GatewayOutcome.Succeeded), (AttemptOperation.Void, GatewayOutcome.Succeeded)],
            attempts.Select(a => (a.Operation, a.Outcome!.Value)));
        Assert.Equal("canceled", await IntentStatusAsync(attempts[0].GatewayReference!));
        var canceled = Assert.Single(await AuditAsync(AuditAction.PaymentCanceled, payment.Id));
        Assert.Equal("authentication-expiry", canceled.ActorName);
        Assert.Contains("3-D Secure was not completed within", canceled.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expire_ACustomerWhoFinishedButWhoseNewsWasLost_SettledAsSucceededAndNothingCanceled()
    {
        var waiting = await PayWithThreeDSecureAsync(5100);
        var intentId = (await AttemptsAsync(waiting.PaymentId!.Value))[0].GatewayReference!;
        await CompleteAuthenticationAsync(intentId, waiting.NextAction!);

        var outcome = await Expiry.ExpireAsync(coffee, waiting.PaymentId.Value);

        Assert.Equal(AuthenticationExpiry.Settled, outcome);
        var payment = await PaymentAsync(waiting.PaymentId.Value);
        Assert.Equal((PaymentStatus.Succeeded, 5100L), (payment.Status, payment.CapturedMinor));
        Assert.DoesNotContain(await AttemptsAsync(payment.Id), a => a.Operation == AttemptOperation.Void);
        Assert.Equal("succeeded", await IntentStatusAsync(intentId));
    }

    [Fact]
    public async Task ExpireDue_OnlyPaymentsWaitingForTheCustomer_AreTouched()
    {
        var captured = await PayAsync("pm_card_visa", 1200);
        var waiting = await PayWithThreeDSecureAsync(1300);

        await Expiry.ExpireDueAsync(100);

        Assert.Equal(PaymentStatus.Succeeded, (await PaymentAsync(captured.PaymentId!.Value)).Status);
        Assert.Equal(PaymentStatus.Canceled, (await PaymentAsync(waiting.PaymentId!.Value)).Status);
        Assert.Equal(AuthenticationExpiry.NothingToDo, await Expiry.ExpireAsync(coffee, captured.PaymentId.Value));
    }

    private async Task<PayResult> PayWithThreeDSecureAsync(long amountMinor)
    {
        var result = await PayAsync(StripeTestCards.ThreeDSecure2Required, amountMinor);
        Assert.Equal(PaymentStatus.RequiresAction, result.Status);
        return result;
    }

    private Task<PayResult> PayAsync(string token, long amountMinor) =>
        fixture.App.Service<PaymentRouter>().PayAsync(new PayCommand(
            coffee, Guid.NewGuid().ToString(), new Money(amountMinor, Currency.Usd), new PaymentToken(GatewayKind.Stripe, token), true, "3-D Secure",
            "ada@example.com", null, AuditActor.System("test"), TestActors.Origin));

    /// <summary>The intent's status as Stripe.net reads it from the simulator, with the merchant's own key.</summary>
    private async Task<string> IntentStatusAsync(string intentId)
    {
        var client = new global::Stripe.StripeClient(new global::Stripe.StripeClientOptions
        {
            ApiKey = SandboxGateways.StripeSandboxKeyFor(coffee),
            ApiBase = fixture.App.Service<SandboxGateways>().Host.AddressOf(GatewayKind.Stripe).GetLeftPart(UriPartial.Authority),
        });
        return (await new global::Stripe.PaymentIntentService(client).GetAsync(intentId)).Status;
    }

    private async Task CompleteAuthenticationAsync(string intentId, string clientSecret)
    {
        var address = new Uri(fixture.App.Service<SandboxGateways>().Host.AddressOf(GatewayKind.Stripe), $"v1/payment_intents/{intentId}/simulate_authentication");
        using var http = new HttpClient();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["client_secret"] = clientSecret, ["outcome"] = "succeed" });
        using var response = await http.PostAsync(address, form);
        response.EnsureSuccessStatusCode();
    }

    private async Task<Payment> PaymentAsync(Guid id)
    {
        await using var db = Context(coffee);
        return await db.Payments.AsNoTracking().SingleAsync(p => p.Id == id);
    }

    private async Task<List<PaymentAttempt>> AttemptsAsync(Guid paymentId)
    {
        await using var db = Context(coffee);
        return await db.PaymentAttempts.AsNoTracking().Where(a => a.PaymentId == paymentId && a.State != AttemptState.Skipped).OrderBy(a => a.Number).ToListAsync();
    }

    private async Task<List<AuditEntry>> AuditAsync(AuditAction action, Guid paymentId)
    {
        await using var db = Context(coffee);
        var id = paymentId.ToString();
        return await db.AuditEntries.AsNoTracking().Where(e => e.Action == action && e.TargetId == id).ToListAsync();
    }

    private PortalDbContext Context(Guid? merchant) => CoreHost.CreateContext(fixture.Database.AppConnectionString, new FixedTenantScope(merchant));
}
