using Microsoft.AspNetCore.DataProtection;

namespace PaymentsPortal.Core.Gateways.Settings;

/// <summary>Encrypts gateway secrets for storage and decrypts them only to build a call's connection.</summary>
public sealed class GatewayCredentialProtector(IDataProtectionProvider provider)
{
    // The purpose ties ciphertexts to this use: a protected gateway secret cannot be unprotected as anything else.
    private readonly IDataProtector protector = provider.CreateProtector("PaymentsPortal.Gateways.Credentials.v1");

    public string Protect(string secret) => protector.Protect(secret);

    public string Unprotect(string protectedSecret) => protector.Unprotect(protectedSecret);

    /// <summary>What may be shown of a secret after entry: its last four characters.</summary>
    public static string HintOf(string secret) => secret.Length <= 4 ? "…" : "…" + secret[^4..];
}
