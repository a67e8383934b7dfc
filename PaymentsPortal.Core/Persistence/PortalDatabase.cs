using Microsoft.EntityFrameworkCore;

namespace PaymentsPortal.Core.Persistence;

/// <summary>The one place that says how the portal talks to PostgreSQL.</summary>
public static class PortalDatabase
{
    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(typeof(PortalDatabase).Assembly.GetName().Name))
            .UseSnakeCaseNamingConvention();
}
