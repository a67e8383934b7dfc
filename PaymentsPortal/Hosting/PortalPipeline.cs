using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PaymentsPortal.Sandbox.Plaid.Link;
using PaymentsPortal.AuditExports;
using PaymentsPortal.Downloads;
using PaymentsPortal.Components;
using PaymentsPortal.Components.Pages.Sandbox;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Hosting;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Endpoints;
using PaymentsPortal.Endpoints.Webhooks;
using PaymentsPortal.Sandbox.Checkout;

namespace PaymentsPortal.Hosting;

public static class PortalPipeline
{
    /// <summary>Migrates the database as the owner role and seeds the demo data when Sandbox mode asks for it.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var connections = app.Services.GetRequiredService<PortalConnectionStrings>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("PaymentsPortal.Startup");
        await DatabaseMigrator.MigrateAsync(connections.Owner, connections.App, logger);
        var portal = app.Services.GetRequiredService<IOptions<PortalOptions>>().Value;
        logger.LogInformation("PaymentsPortal starting in {Mode} mode ({Environment}).", portal.Mode, app.Environment.EnvironmentName);
        if (portal.ShouldSeedDemoData)
        {
            await app.Services.GetRequiredService<DemoDataSeeder>().SeedAsync();
        }
    }

    public static WebApplication UsePortal(this WebApplication app)
    {
        // With no trusted proxy configured, forwarded headers from anyone are ignored.
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }

        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseMiddleware<CurrentMerchantMiddleware>();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        app.MapAccountEndpoints();
        app.MapAuditExportEndpoints();
        app.MapPaymentExportEndpoints();
        app.MapBankTransactionExportEndpoints();
        app.MapJobsDashboard();
        app.MapInboundWebhookEndpoints();
        var pages = app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        pages.Add(CircuitHubAccess.AllowAnonymousCircuits);
        if (app.Services.GetRequiredService<IOptions<PortalOptions>>().Value.Mode == PortalMode.Sandbox)
        {
            app.MapSandboxCheckout();
            app.MapPlaidLinkStandIn(app.Services.GetRequiredService<PaymentsPortal.Sandbox.Plaid.PlaidSimulator>(), PaymentsPortal.Sandbox.Plaid.SandboxPlaid.LinkRoutePrefix);
        }
        else
        {
            pages.Add(SandboxPages.HideFromRouting);
        }

        return app;
    }
}
