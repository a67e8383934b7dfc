namespace PaymentsPortal.Hosting;

/// <summary>Baseline browser protections on every response.</summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    // Blazor Server needs its own scripts and a WebSocket to this origin ('self' covers ws/wss of the
    // same host); MudBlazor sets inline styles, so styles allow 'unsafe-inline' but scripts do not.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; " +
        "frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(self)";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        return next(context);
    }
}
