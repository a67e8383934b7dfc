using PaymentsPortal.Core.Hosting;

namespace PaymentsPortal.Hosting;

/// <summary>Refuses configurations that must never run: Sandbox mode or demo seeding in Production.</summary>
public static class PortalStartupGuard
{
    public static void Check(IHostEnvironment environment, PortalOptions options)
    {
        if (!environment.IsProduction())
        {
            return;
        }

        if (options.Mode == PortalMode.Sandbox)
        {
            throw new InvalidOperationException(
                "Sandbox mode cannot run in the Production environment. Set Portal__Mode=Live and supply real credentials, " +
                "or run with ASPNETCORE_ENVIRONMENT set to something other than Production.");
        }

        if (options.ShouldSeedDemoData)
        {
            throw new InvalidOperationException(
                "Demo data cannot be seeded in the Production environment. Remove Portal__SeedDemoData.");
        }
    }
}
