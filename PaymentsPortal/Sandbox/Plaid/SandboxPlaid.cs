using PaymentsPortal.Core.Banking.Plaid;

namespace PaymentsPortal.Sandbox.Plaid;

/// <summary>
/// Sandbox mode's Plaid: starts the simulator on its own loopback port and points the real Plaid client at it. Plaid's options were
/// read and validated before the port was known, so the address goes through <see cref="PlaidAddressOverride"/>.
/// </summary>
public sealed class SandboxPlaid(PlaidSimulator simulator, PlaidAddressOverride address, IHostEnvironment environment, ILogger<SandboxPlaid> logger)
    : IHostedService, IAsyncDisposable
{
    /// <summary>Where the app serves the Link stand-in (script, page), on its own origin so the page's CSP allows it.</summary>
    public const string LinkRoutePrefix = "/sandbox/plaid";

    private PlaidSimulatorHost? host;

    public PlaidSimulator Simulator => simulator;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // The start-up guard refuses Sandbox mode in Production already; a simulator that links any bank must never stand in for Plaid there.
        if (environment.IsProduction())
        {
            throw new InvalidOperationException("The Plaid simulator never runs in the Production environment.");
        }

        host = await PlaidSimulatorHost.StartAsync(simulator, cancellationToken);
        address.Use(host.Address);
        logger.LogInformation("Sandbox: the Plaid simulator listens at {Address}.", host.Address);
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
            host = null;
        }
    }
}
