using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Hosting;

/// <summary>Tells the request's <see cref="CurrentAccess"/> which merchant the user last chose and where the request came from.</summary>
public sealed class CurrentMerchantMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, CurrentAccess access)
    {
        access.PreferredMerchantId = MerchantCookie.Read(context);
        access.Origin = RequestOrigin.Of(context);
        return next(context);
    }
}
