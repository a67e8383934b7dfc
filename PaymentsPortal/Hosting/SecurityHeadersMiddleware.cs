using Microsoft.Extensions.Options;
using PaymentsPortal.Core.Hosting;

namespace PaymentsPortal.Hosting;

/// <summary>Baseline browser protections on every response.</summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next, IOptions<PortalOptions> portal)
{
    private readonly string contentSecurityPolicy = Hosting.ContentSecurityPolicy.For(portal.Value.Mode);

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = contentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(self)";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        return next(context);
    }
}
