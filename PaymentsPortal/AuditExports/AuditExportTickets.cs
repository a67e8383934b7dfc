using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using PaymentsPortal.Core.Audit.Search;

namespace PaymentsPortal.AuditExports;

/// <summary>
/// A download cannot come out of a Blazor circuit, so the circuit (after step-up) issues a short-lived,
/// tamper-proof ticket naming who may download what, and the browser fetches the file with it. The ticket
/// is bound to the user and expires quickly; permissions are checked again when it is redeemed.
/// </summary>
public sealed class AuditExportTickets(IDataProtectionProvider dataProtection, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    private readonly ITimeLimitedDataProtector protector =
        dataProtection.CreateProtector("PaymentsPortal.AuditExport.Ticket.v1").ToTimeLimitedDataProtector();

    public string Issue(AuditExportRequest request) =>
        protector.Protect(JsonSerializer.Serialize(request), clock.GetUtcNow() + Lifetime);

    /// <summary>The request the ticket carries, or null when it was altered or has expired.</summary>
    public AuditExportRequest? Redeem(string ticket)
    {
        try
        {
            return JsonSerializer.Deserialize<AuditExportRequest>(protector.Unprotect(ticket));
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}

public sealed record AuditExportRequest(Guid UserId, Guid Chain, AuditFilter Filter, AuditExportFormat Format);
