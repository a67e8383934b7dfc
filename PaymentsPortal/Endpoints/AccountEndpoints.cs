using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Identity;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Hosting;

namespace PaymentsPortal.Endpoints;

/// <summary>Form posts that must answer with cookies, which an interactive circuit cannot set.</summary>
public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // Antiforgery is validated for these form-bound endpoints by UseAntiforgery.
        app.MapPost("/account/logout", async ([FromForm] string? reason, SignInManager<PortalUser> signIn, AccountAuditLog audit, HttpContext context) =>
        {
            var user = await signIn.UserManager.GetUserAsync(context.User);
            await signIn.SignOutAsync();
            if (user is not null)
            {
                await audit.RecordAsync(AuditAction.SignedOut, AuditOutcome.Success, user.Id, user.DisplayName, RequestOrigin.Of(context),
                    new { reason = reason == "idle" ? "idle" : "user" });
            }

            return Results.LocalRedirect(reason == "idle" ? "/account/login?reason=idle" : "/account/login?reason=signed-out");
        }).RequireAuthorization();

        // Touched by the browser while the user is active, so the cookie's sliding expiry follows real activity.
        app.MapGet("/account/keep-alive", () => Results.NoContent()).RequireAuthorization();

        app.MapPost("/merchant/switch", async (
            [FromForm] Guid merchantId, [FromForm] string? returnUrl, HttpContext context, CurrentAccess current) =>
        {
            var access = await current.GetAsync(context.User);
            if (access.Memberships.All(m => m.MerchantId != merchantId))
            {
                return Results.Forbid();
            }

            MerchantCookie.Write(context, merchantId);
            return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
        }).RequireAuthorization();
    }

    /// <summary>Only app-relative paths: an open redirect would let a link send users anywhere after switching.</summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
