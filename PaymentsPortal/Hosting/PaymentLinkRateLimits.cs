using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using PaymentsPortal.Core.Audit;

namespace PaymentsPortal.Hosting;

/// <summary>How often one client address may open payment-link pages and try to pay; anyone on the internet can reach both.</summary>
public sealed class PaymentLinkOptions
{
    public const string Section = "PaymentLinks";

    /// <summary>Loads of link pages allowed per client address and <see cref="Window"/>.</summary>
    public int PageViews { get; set; } = 30;

    /// <summary>Payment attempts on link pages allowed per client address and <see cref="Window"/>.</summary>
    public int PayAttempts { get; set; } = 10;

    /// <summary>The fixed window both limits count in.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// The named rate-limiting policy of the public page <c>/pay/{slug}</c>, per client address (after trusted proxies). It
/// limits the page's HTTP loads; paying happens over the page's circuit, which <see cref="PaymentLinkPayLimiter"/> limits.
/// </summary>
public sealed class PaymentLinkPagePolicy(IOptions<PaymentLinkOptions> options) : IRateLimiterPolicy<string>
{
    public const string Name = "payment-link-page";

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = RejectAsync;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        return RateLimitPartition.GetFixedWindowLimiter(httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = options.Value.PageViews, Window = options.Value.Window });
    }

    // A customer sees a page, not a bare status code; the middleware has already set 429.
    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var response = context.HttpContext.Response;
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        response.ContentType = "text/html; charset=utf-8";
        await response.WriteAsync(TooManyRequestsPage, cancellationToken);
    }

    private const string TooManyRequestsPage = """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1.0" /><title>Too many requests</title></head>
        <body style="font-family: system-ui, sans-serif; max-width: 32rem; margin: 4rem auto; padding: 0 1rem;">
        <h1 data-test="pay-rate-limited">Too many requests</h1>
        <p>This address has opened payment pages too often. Wait a little, then reload the page. Nothing was charged.</p>
        </body>
        </html>
        """;
}

/// <summary>
/// Limits payment attempts on link pages per client address. They are sent over the page's Blazor circuit, not as HTTP
/// requests, so the middleware never sees them; the page asks here before it sends each one.
/// </summary>
public sealed class PaymentLinkPayLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter;

    public PaymentLinkPayLimiter(IOptions<PaymentLinkOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (attempts, window) = (options.Value.PayAttempts, options.Value.Window);
        limiter = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = attempts, Window = window }));
    }

    /// <summary>Whether one more attempt from <paramref name="origin"/>'s address is allowed now; counts it if so.</summary>
    public bool TryAcquire(AuditOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        using var lease = limiter.AttemptAcquire(origin.IpAddress ?? "unknown");
        return lease.IsAcquired;
    }

    public void Dispose() => limiter.Dispose();
}
