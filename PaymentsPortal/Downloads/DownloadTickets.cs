using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace PaymentsPortal.Downloads;

/// <summary>
/// A download cannot come out of a Blazor circuit, so the circuit issues a short-lived, tamper-proof ticket naming who
/// may download what, and the browser fetches the file with it. Each request type gets its own protector purpose, so a
/// ticket for one kind of download can never be redeemed as another. Permissions are checked again when it is redeemed.
/// </summary>
public sealed class DownloadTickets(IDataProtectionProvider dataProtection, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    public string Issue<TRequest>(TRequest request) where TRequest : class =>
        ProtectorFor<TRequest>().Protect(JsonSerializer.Serialize(request), clock.GetUtcNow() + Lifetime);

    /// <summary>The request the ticket carries, or null when it was altered, has expired or was issued for another type.</summary>
    public TRequest? Redeem<TRequest>(string ticket) where TRequest : class
    {
        try
        {
            return JsonSerializer.Deserialize<TRequest>(ProtectorFor<TRequest>().Unprotect(ticket));
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private ITimeLimitedDataProtector ProtectorFor<TRequest>() =>
        dataProtection.CreateProtector("PaymentsPortal.Download.v1", typeof(TRequest).FullName!).ToTimeLimitedDataProtector();
}
