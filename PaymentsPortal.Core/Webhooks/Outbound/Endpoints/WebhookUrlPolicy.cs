using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using PaymentsPortal.Core.Hosting;

namespace PaymentsPortal.Core.Webhooks.Outbound.Endpoints;

/// <summary>
/// Whether a URL may be registered as a webhook endpoint. Outside Sandbox mode it must be https, carry no credentials, and its
/// host must not be, or resolve to, an address <see cref="WebhookAddressRules"/> blocks. A name that does not resolve yet is
/// accepted: every delivery checks the addresses again when it connects (<see cref="WebhookConnector"/>). Sandbox mode, which
/// runs on a developer's machine, also accepts http and local addresses, so a receiver on localhost can be tried out.
/// </summary>
public sealed class WebhookUrlPolicy(IOptions<PortalOptions> portal)
{
    public bool AllowsLocalNetwork => portal.Value.Mode == PortalMode.Sandbox;

    /// <summary>What is wrong with the URL, in words for the Admin, or null when it may be used.</summary>
    public async Task<string?> ProblemAsync(string? url, CancellationToken cancellationToken = default)
    {
        var text = url?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return "Enter the URL the portal should send events to.";
        }

        if (text.Length > WebhookEndpoint.UrlMaxLength)
        {
            return $"The URL is longer than {WebhookEndpoint.UrlMaxLength} characters.";
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return "Enter a full URL, such as https://example.com/webhooks/portal.";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "The URL must not carry a user name or password; check the signature instead.";
        }

        if (!string.IsNullOrEmpty(uri.Fragment))
        {
            return "The URL must not have a #fragment.";
        }

        if (AllowsLocalNetwork)
        {
            return null;
        }

        if (uri.Scheme != Uri.UriSchemeHttps)
        {
            return "The URL must use https, so events and their signatures travel encrypted.";
        }

        if (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6)
        {
            return WebhookAddressRules.IsBlocked(IPAddress.Parse(uri.DnsSafeHost)) ? LocalAddress : null;
        }

        if (uri.DnsSafeHost.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || uri.DnsSafeHost.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return LocalAddress;
        }

        IPAddress[] addresses;
        try
        {
            addresses = await Dns.GetHostAddressesAsync(uri.DnsSafeHost, cancellationToken);
        }
        catch (SocketException)
        {
            // Not resolvable from here now: each delivery checks again where it connects.
            return null;
        }

        return addresses.Any(WebhookAddressRules.IsBlocked) ? LocalAddress : null;
    }

    private const string LocalAddress =
        "The URL points to a private, loopback or link-local address. Webhooks go to addresses on the public internet only.";
}
