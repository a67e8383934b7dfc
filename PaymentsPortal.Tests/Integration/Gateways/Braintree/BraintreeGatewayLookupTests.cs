using PaymentsPortal.Core.Gateways;
using static PaymentsPortal.Tests.Integration.Gateways.Braintree.BraintreeSandbox;

namespace PaymentsPortal.Tests.Integration.Gateways.Braintree;

/// <summary>Resolving an attempt by searching Braintree for its order id.</summary>
[Trait("Tier", "Integration")]
public sealed class BraintreeGatewayLookupTests
{
    [Fact]
    public async Task LookupAsync_AuthorizedAttempt_Authorized()
    {
        await using var sandbox = await StartAsync();
        var gateway = sandbox.Gateway();
        var request = Charge(Usd(700), capture: false);
        var authorized = await gateway.AuthorizeAsync(request, CancellationToken.None);

        var lookup = await gateway.LookupAsync(request.AttemptId, CancellationToken.None);

        Assert.Equal(GatewayLookup.Of(GatewayChargeState.Authorized, authorized.GatewayReference!, Usd(700)), lookup);
    }

    [Fact]
    public async Task LookupAsync_DeclinedAttempt_FoundAsFailed()
    {
        await using var sandbox = await StartAsync();
        var gateway = sandbox.Gateway();
        var request = Charge(Usd(200100));
        await gateway.AuthorizeAsync(request, CancellationToken.None);

        var lookup = await gateway.LookupAsync(request.AttemptId, CancellationToken.None);

        Assert.True(lookup.Found);
        Assert.Equal(GatewayChargeState.Failed, lookup.State);
    }

    [Fact]
    public async Task LookupAsync_AttemptChargedTwice_ReportsTheMoneyTakenAndNamesBothTransactions()
    {
        // Braintree has no idempotency key for charges: sending the same attempt twice charges twice. The lookup must
        // say so rather than pick one quietly.
        await using var sandbox = await StartAsync();
        var gateway = sandbox.Gateway();
        var request = Charge(Usd(1999), capture: false);
        var first = await gateway.AuthorizeAsync(request, CancellationToken.None);
        await gateway.VoidAsync(new VoidRequest(Guid.NewGuid(), first.GatewayReference!), CancellationToken.None);
        var second = await gateway.AuthorizeAsync(request with { Capture = true }, CancellationToken.None);

        var lookup = await gateway.LookupAsync(request.AttemptId, CancellationToken.None);

        Assert.Equal(2, sandbox.Simulator.ChargesFor(request.AttemptId).Count);
        Assert.Equal(GatewayChargeState.Captured, lookup.State);
        Assert.Equal(second.GatewayReference, lookup.GatewayReference);
        Assert.NotNull(lookup.Message);
        Assert.StartsWith("2 Braintree transactions", lookup.Message, StringComparison.Ordinal);
        Assert.Contains(first.GatewayReference!, lookup.Message, StringComparison.Ordinal);
        Assert.Contains(second.GatewayReference!, lookup.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LookupAsync_OtherAttemptsExist_OnlyThisOrderIdMatches()
    {
        await using var sandbox = await StartAsync();
        var gateway = sandbox.Gateway();
        await gateway.AuthorizeAsync(Charge(Usd(100)), CancellationToken.None);

        var lookup = await gateway.LookupAsync(Guid.NewGuid(), CancellationToken.None);

        Assert.Equal(GatewayLookup.NotFound(), lookup);
    }
}
