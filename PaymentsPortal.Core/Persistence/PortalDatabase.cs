using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace PaymentsPortal.Core.Persistence;

/// <summary>The one place that says how the portal talks to PostgreSQL.</summary>
public static class PortalDatabase
{
    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(typeof(PortalDatabase).Assembly.GetName().Name))
            .UseSnakeCaseNamingConvention();

    /// <summary>
    /// Lets Npgsql prepare the statements the app repeats (after 5 uses, up to 64 per connection), unless the connection
    /// string says otherwise. The payment path runs the same few statements on partitioned tables every time, and a prepared
    /// statement skips PostgreSQL's parse and plan, which for 16 partitions is most of a statement's cost.
    /// </summary>
    public static string WithAutoPrepare(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 64;
        }

        return builder.ConnectionString;
    }
}
