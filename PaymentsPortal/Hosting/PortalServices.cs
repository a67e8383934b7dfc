using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using MudBlazor.Services;
using PaymentsPortal.Checkout;
using PaymentsPortal.Components.Pages.Refunds;
using PaymentsPortal.Components.Shared.StepUp;
using PaymentsPortal.Core;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Hosting;
using PaymentsPortal.Downloads;
using PaymentsPortal.Sandbox;
using PaymentsPortal.Core.Identity.StepUp;
using PaymentsPortal.Core.Jobs;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Webhooks.Outbound;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Hosting;

/// <summary>The web app's composition root: everything <c>Program</c> registers, in one readable place.</summary>
public static class PortalServices
{
    public const string SignInRateLimit = "sign-in";

    public static WebApplicationBuilder AddPortal(this WebApplicationBuilder builder)
    {
        var portal = builder.Configuration.GetSection(PortalOptions.Section).Get<PortalOptions>() ?? new PortalOptions();
        var security = builder.Configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();
        PortalStartupGuard.Check(builder.Environment, portal);
        var connections = PortalConnectionStrings.From(builder.Configuration);

        // Serves _framework and _content assets from the build output in every environment
        // (published output has them on disk and makes this a no-op).
        builder.WebHost.UseStaticWebAssets();
        if (!builder.Environment.IsDevelopment())
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o => o.IncludeScopes = true);
        }

        if (builder.Configuration["Logging:File:Path"] is { Length: > 0 } logFile)
        {
            builder.Services.AddSingleton<ILoggerProvider>(new PaymentsPortal.Logging.FileLoggerProvider(logFile));
        }

        // Every sink, in every environment, receives only redacted text: no card number or secret reaches a log.
        PaymentsPortal.Core.Redaction.RedactingLoggerProvider.WrapAll(builder.Services);

        var services = builder.Services;
        services.AddSingleton(connections);
        services.AddPortalCore(builder.Configuration, connections.App);
        services.AddPortalJobServer();
        services.AddWebhookDispatcher(connections.App);
        services.AddJobsDashboard();
        if (portal.Mode == PortalMode.Sandbox)
        {
            services.AddPortalSandbox();
        }
        services.AddPortalCheckout();
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddHttpContextAccessor();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, PortalRevalidatingAuthenticationStateProvider>();
        services.AddSingleton<DownloadTickets>();
        services.AddScoped<StepUpPrompt>();
        services.AddScoped<RefundDecisionActions>();
        services.AddSingleton<PaymentsPortal.Components.Pages.Banking.PlaidLinkScript>();

        var cookiesNeedHttps = portal.Mode != PortalMode.Sandbox || builder.Environment.IsProduction();
        AddAuthentication(services, security, cookiesNeedHttps);
        services.AddAuthorization(options => options.AddPermissionPolicies());
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "pp.antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = cookiesNeedHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });
        services.AddDataProtection()
            .SetApplicationName("PaymentsPortal")
            .PersistKeysToDbContext<PortalDbContext>();
        services.AddHealthChecks().AddDbContextCheck<PortalDbContext>("postgres", tags: ["ready"]);
        services.Configure<PaymentLinkOptions>(builder.Configuration.GetSection(PaymentLinkOptions.Section));
        services.AddSingleton<PaymentLinkPayLimiter>();
        AddRateLimits(services, security);
        AddTrustedProxies(services, builder.Configuration.GetSection("Hosting:TrustedProxies").Get<string[]>() ?? []);
        return builder;
    }

    private static void AddAuthentication(IServiceCollection services, SecurityOptions security, bool cookiesNeedHttps)
    {
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = security.RevalidationInterval;
            o.OnRefreshingPrincipal = SessionClaims.KeepSessionIdAsync;
        });
        services.ConfigureApplicationCookie(options =>
        {
            ConfigureCookie(options, cookiesNeedHttps, "pp.auth");
            // The browser's idle timer signs the user out; the cookie outlives it by a minute so that
            // sign-out post still authenticates. Activity renews it through /account/keep-alive.
            options.ExpireTimeSpan = security.IdleTimeout + TimeSpan.FromMinutes(1);
            options.SlidingExpiration = true;
            options.LoginPath = "/account/login";
            options.LogoutPath = "/account/logout";
            options.AccessDeniedPath = "/access-denied";
            // A full page load is refused by the authorization middleware before the router's
            // NotAuthorizedRedirect can run: apply its rule here too, so a user who still owes a
            // password change or two-factor enrollment is sent to finish it rather than denied.
            var deny = options.Events.OnRedirectToAccessDenied;
            options.Events.OnRedirectToAccessDenied = async context =>
            {
                var services = context.HttpContext.RequestServices;
                var access = await services.GetRequiredService<CurrentAccess>().GetAsync(context.HttpContext.User);
                if (PendingAccountStep.PathFor(access) is { } pending)
                {
                    context.RedirectUri = pending;
                }
                else
                {
                    await services.GetRequiredService<AccountAuditLog>().RecordAccessDeniedAsync(access, context.Request.Path.Value ?? "/");
                }

                await deny(context);
            };
        });
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme,
            options => ConfigureCookie(options, cookiesNeedHttps, "pp.2fa"));
    }

    private static void ConfigureCookie(CookieAuthenticationOptions options, bool cookiesNeedHttps, string name)
    {
        options.Cookie.Name = name;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.Cookie.SecurePolicy = cookiesNeedHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
    }

    /// <summary>
    /// Behind a TLS-terminating proxy, trust X-Forwarded-For/Proto from the listed proxy addresses
    /// only (Hosting:TrustedProxies), so rate limits see the client's address and cookies see https.
    /// </summary>
    private static void AddTrustedProxies(IServiceCollection services, string[] proxies) =>
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });

    private static void AddRateLimits(IServiceCollection services, SecurityOptions security) =>
        services.AddRateLimiter(options =>
        {
            // The public payment-link page names this policy; it answers its own 429 page.
            options.AddPolicy<string, PaymentLinkPagePolicy>(PaymentLinkPagePolicy.Name);
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // The sign-in limiter's answer; the payment-link policy answers with its own page.
            options.OnRejected = async (context, token) =>
            {
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync("Too many sign-in attempts from this address. Wait a minute and try again.", token);
            };
            // Globally only sign-in form posts are limited, per client address; other pages pass untouched unless they name a policy.
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                HttpMethods.IsPost(context.Request.Method) && context.Request.Path.StartsWithSegments("/account", StringComparison.OrdinalIgnoreCase)
                    && context.Request.Path.Value!.Contains("/login", StringComparison.OrdinalIgnoreCase)
                    ? RateLimitPartition.GetFixedWindowLimiter(
                        context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = security.SignInAttemptsPerMinute, Window = TimeSpan.FromMinutes(1) })
                    : RateLimitPartition.GetNoLimiter(SignInRateLimit + ":none"));
        });
}
