using System.Net;
using System.Net.Http;
using System.Net.Sockets;

namespace PaymentsPortal.Core.Webhooks.Outbound.Endpoints;

/// <summary>
/// The connection step of the delivery client: resolves the host itself and connects only to addresses
/// <see cref="WebhookAddressRules"/> allows, so the address checked is the address used (no DNS rebinding between the two).
/// </summary>
public sealed class WebhookConnector(bool allowLocalNetwork)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = allowLocalNetwork ? addresses : [.. addresses.Where(a => !WebhookAddressRules.IsBlocked(a))];
        if (allowed.Length == 0)
        {
            throw new WebhookAddressBlockedException(host);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>The endpoint's host resolved only to addresses webhooks may not go to.</summary>
public sealed class WebhookAddressBlockedException(string host)
    : Exception($"{host} resolves only to private, loopback or link-local addresses; webhooks go to the public internet only.");
