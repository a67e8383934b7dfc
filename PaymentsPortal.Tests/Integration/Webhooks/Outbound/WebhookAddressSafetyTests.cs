using PaymentsPortal.Core.Webhooks.Outbound;
using PaymentsPortal.Core.Webhooks.Outbound.Delivery;
using PaymentsPortal.Core.Webhooks.Outbound.Endpoints;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Webhooks.Outbound;

/// <summary>
/// Outside Sandbox mode a merchant cannot point the portal at its own network: such URLs are refused when entered, and an address
/// a name comes to resolve to later (DNS rebinding) is refused again where the connection is made.
/// </summary>
[Trait("Tier", "Integration")]
public sealed class WebhookAddressSafetyTests
{
    private static readonly Dictionary<string, string?> Live = new() { ["Portal:Mode"] = "Live" };

    [Theory]
    [InlineData("http://example.com/hooks", "must use https")]
    [InlineData("https://127.0.0.1/hooks", "private, loopback")]
    [InlineData("https://localhost:8443/hooks", "private, loopback")]
    [InlineData("https://api.localhost/hooks", "private, loopback")]
    [InlineData("https://10.1.2.3/hooks", "private, loopback")]
    [InlineData("https://169.254.169.254/latest/meta-data", "private, loopback")]
    [InlineData("https://[::1]/hooks", "private, loopback")]
    [InlineData("https://[::ffff:192.168.0.1]/hooks", "private, loopback")]
    public async Task LiveMode_LocalOrPlainUrls_AreRefused(string url, string reason)
    {
        await using var bed = await OutboundTestBed.StartAsync();
        await using var live = bed.Host.AnotherInstance(Live);

        var refused = await live.Service<WebhookEndpointAdministration>().CreateAsync(bed.MerchantId, TestActors.Someone, new(url, null, []));

        Assert.False(refused.Succeeded);
        Assert.Contains(reason, refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LiveMode_PublicHttpsAddress_IsAccepted()
    {
        await using var bed = await OutboundTestBed.StartAsync();
        await using var live = bed.Host.AnotherInstance(Live);

        var created = await live.Service<WebhookEndpointAdministration>().CreateAsync(bed.MerchantId, TestActors.Someone, new("https://93.184.215.14/hooks", null, []));

        Assert.True(created.Succeeded, created.Error);
    }

    [Fact]
    public async Task LiveMode_AddressThatTurnsOutLocal_IsRefusedWhenConnecting()
    {
        await using var bed = await OutboundTestBed.StartAsync();

        // Accepted when entered (Sandbox allows loopback); a Live instance then has to send to it, as after a DNS change.
        var endpoint = await bed.AddEndpointAsync();
        await bed.SucceededPaymentAsync();
        await using var live = bed.Host.AnotherInstance(Live);

        await live.Service<WebhookDispatchPass>().RunAsync(CancellationToken.None);

        Assert.Empty(bed.Receiver.Received);
        var delivery = await bed.SingleDeliveryAsync(endpoint.EndpointId);
        Assert.Equal(WebhookDeliveryStatus.Pending, delivery.Status);
        Assert.StartsWith("refused:", delivery.LastError, StringComparison.Ordinal);
    }
}
