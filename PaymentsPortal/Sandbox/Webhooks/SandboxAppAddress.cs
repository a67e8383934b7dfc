using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace PaymentsPortal.Sandbox.Webhooks;

/// <summary>
/// The app's own address, for the simulators to deliver webhooks to, as a provider calls the URL the merchant registered. Read
/// from the server once it listens (so a random test port or run.sh's port is right without configuration), unless
/// Sandbox:Webhooks:AppBaseUrl names it.
/// </summary>
public sealed class SandboxAppAddress(IServer server, IOptionsMonitor<SandboxWebhookOptions> options)
{
    /// <summary>The base address ending in '/', or null while the server does not listen yet (or listens on nothing callable).</summary>
    public Uri? Current()
    {
        if (options.CurrentValue.AppBaseUrl is { Length: > 0 } configured)
        {
            return new Uri(configured.TrimEnd('/') + "/");
        }

        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses;
        if (addresses is not { Count: > 0 })
        {
            return null;
        }

        // Plain http first: a sandbox delivery needs no certificate. A wildcard binding is reached on loopback.
        var chosen = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.First();
        var callable = chosen
            .Replace("://+:", "://127.0.0.1:", StringComparison.Ordinal)
            .Replace("://*:", "://127.0.0.1:", StringComparison.Ordinal)
            .Replace("://0.0.0.0:", "://127.0.0.1:", StringComparison.Ordinal)
            .Replace("://[::]:", "://[::1]:", StringComparison.Ordinal);
        return Uri.TryCreate(callable, UriKind.Absolute, out var uri) ? new UriBuilder(uri) { Path = "/" }.Uri : null;
    }
}
