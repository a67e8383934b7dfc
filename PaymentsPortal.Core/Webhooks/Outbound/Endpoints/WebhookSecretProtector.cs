using Microsoft.AspNetCore.DataProtection;

namespace PaymentsPortal.Core.Webhooks.Outbound.Endpoints;

/// <summary>Encrypts endpoint signing secrets for storage; the dispatcher decrypts them only to sign a delivery.</summary>
public sealed class WebhookSecretProtector(IDataProtectionProvider provider)
{
    // Its own purpose: a protected endpoint secret cannot be unprotected as a gateway credential, or the other way round.
    private readonly IDataProtector protector = provider.CreateProtector("PaymentsPortal.Webhooks.Outbound.Secrets.v1");

    public string Protect(string secret) => protector.Protect(secret);

    public string Unprotect(string protectedSecret) => protector.Unprotect(protectedSecret);

    public static string HintOf(string secret) => "…" + secret[^4..];
}
