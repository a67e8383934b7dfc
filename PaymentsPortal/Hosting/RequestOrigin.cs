using PaymentsPortal.Core.Audit;

namespace PaymentsPortal.Hosting;

public static class RequestOrigin
{
    /// <summary>The client address (after trusted forwarded headers) and user agent, for the audit trail.</summary>
    public static AuditOrigin Of(HttpContext context) =>
        new(context.Connection.RemoteIpAddress?.ToString(), context.Request.Headers.UserAgent.ToString() is { Length: > 0 } ua ? ua : null);
}
