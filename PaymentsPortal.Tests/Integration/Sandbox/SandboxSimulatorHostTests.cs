using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Sandbox;

namespace PaymentsPortal.Tests.Integration.Sandbox;

[Trait("Tier", "Integration")]
public sealed class SandboxSimulatorHostTests
{
    [Fact]
    public async Task StartAsync_EphemeralPort_AddressIsTheBoundLoopbackPort()
    {
        await using var host = await SandboxSimulatorHost.StartAsync([new PingSimulator(GatewayKind.Stripe)], new SimulatedFaults());
        var address = host.AddressOf(GatewayKind.Stripe);

        Assert.Equal("127.0.0.1", address.Host);
        Assert.NotEqual(0, address.Port);
        Assert.True(host.Serves(GatewayKind.Stripe));
        Assert.False(host.Serves(GatewayKind.Braintree));
        using var client = new HttpClient { BaseAddress = address };
        Assert.Equal("pong Stripe", await client.GetStringAsync(new Uri("ping", UriKind.Relative)));
    }

    [Fact]
    public async Task StartAsync_TwoSimulators_EachGetsItsOwnPort()
    {
        await using var host = await SandboxSimulatorHost.StartAsync(
            [new PingSimulator(GatewayKind.Stripe), new PingSimulator(GatewayKind.Braintree)], new SimulatedFaults());

        Assert.NotEqual(host.AddressOf(GatewayKind.Stripe).Port, host.AddressOf(GatewayKind.Braintree).Port);
        using var client = new HttpClient();
        Assert.Equal("pong Braintree", await client.GetStringAsync(new Uri(host.AddressOf(GatewayKind.Braintree), "ping")));
    }

    [Fact]
    public async Task ApplyOutageAsync_Outage_RefusesConnectionsThenListensAgainOnTheSamePort()
    {
        var faults = new SimulatedFaults();
        await using var host = await SandboxSimulatorHost.StartAsync([new PingSimulator(GatewayKind.Stripe)], faults);
        var before = host.AddressOf(GatewayKind.Stripe);
        using var client = new HttpClient { BaseAddress = before };
        Assert.Equal("pong Stripe", await client.GetStringAsync(new Uri("ping", UriKind.Relative)));

        faults.Set(GatewayKind.Stripe, new FaultSettings(Outage: true));
        await host.ApplyOutageAsync(GatewayKind.Stripe, outage: true);

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetStringAsync(new Uri("ping", UriKind.Relative)));
        Assert.Equal(SocketError.ConnectionRefused, Assert.IsType<SocketException>(refused.InnerException).SocketErrorCode);

        faults.Set(GatewayKind.Stripe, FaultSettings.None);
        await host.ApplyOutageAsync(GatewayKind.Stripe, outage: false);

        Assert.Equal(before, host.AddressOf(GatewayKind.Stripe));
        Assert.Equal("pong Stripe", await client.GetStringAsync(new Uri("ping", UriKind.Relative)));
    }

    [Fact]
    public async Task StartAsync_OutageAlreadySet_StartsRefusing()
    {
        var faults = new SimulatedFaults();
        faults.Set(GatewayKind.Stripe, new FaultSettings(Outage: true));
        await using var host = await SandboxSimulatorHost.StartAsync([new PingSimulator(GatewayKind.Stripe)], faults);
        using var client = new HttpClient { BaseAddress = host.AddressOf(GatewayKind.Stripe) };

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetStringAsync(new Uri("ping", UriKind.Relative)));
        Assert.Equal(HttpRequestError.ConnectionError, refused.HttpRequestError);

        faults.Set(GatewayKind.Stripe, FaultSettings.None);
        await host.ApplyOutageAsync(GatewayKind.Stripe, outage: false);
        Assert.Equal("pong Stripe", await client.GetStringAsync(new Uri("ping", UriKind.Relative)));
    }

    private sealed class PingSimulator(GatewayKind kind) : IGatewaySimulator
    {
        public GatewayKind Kind => kind;

        public void Map(IEndpointRouteBuilder routes) => routes.MapGet("/ping", () => Results.Text($"pong {kind}"));
    }
}
