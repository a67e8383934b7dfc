using Microsoft.AspNetCore.DataProtection;

namespace PaymentsPortal.Core.Banking.Links;

/// <summary>
/// Encrypts Plaid access tokens for storage (ASP.NET Core Data Protection: keys kept in PostgreSQL, a new key every 90 days, old keys
/// kept to decrypt what they encrypted) and decrypts one only to make a call to Plaid. A token never leaves the server in clear.
/// </summary>
public sealed class BankTokenProtector(IDataProtectionProvider provider)
{
    // The purpose ties ciphertexts to this use: a protected token cannot be unprotected as a gateway secret, or the reverse.
    private readonly IDataProtector protector = provider.CreateProtector("PaymentsPortal.Banking.PlaidAccessTokens.v1");

    public string Protect(string accessToken) => protector.Protect(accessToken);

    public string Unprotect(string protectedToken) => protector.Unprotect(protectedToken);
}
