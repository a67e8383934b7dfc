using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PaymentsPortal.Core.Jobs;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Jobs;

/// <summary>
/// Core over a fresh database with a real Hangfire server on it (the same <see cref="PortalJobServer"/> the app runs),
/// the catalog's own jobs switched off so that only the test's jobs run, and schedules polled every second.
/// </summary>
internal static class JobTestHost
{
    public static readonly string[] CatalogJobs =
    [
        "payment-reconciliation", "refund-reconciliation", "access-grant-expiry", "payment-daily-totals",
        "audit-checkpoint", "audit-verification", "audit-retention", "job-history-retention", "webhook-inbox", "webhook-delivery",
        "webhook-retention", "gateway-sync", "authentication-expiry", "payout-reconciliation", "bank-sync",
    ];

    public static Dictionary<string, string?> Settings(IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Jobs:SchedulePollingInterval"] = "00:00:01",
            ["Jobs:QueuePollInterval"] = "00:00:01",
        };
        foreach (var id in CatalogJobs)
        {
            settings[$"Jobs:Schedules:{id}"] = JobsOptions.Off;
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    public static async Task<PortalJobServer> StartServerAsync(CoreHost host)
    {
        var server = ActivatorUtilities.CreateInstance<PortalJobServer>(host.Services);
        await server.StartAsync(CancellationToken.None);
        return server;
    }

    public static async Task StopAsync(this PortalJobServer server)
    {
        await server.StopAsync(CancellationToken.None);
        server.Dispose();
    }

    /// <summary>A table outside the model where test jobs leave their effects; made by the owner, written by the app role.</summary>
    public static async Task CreateEffectsTableAsync(TestDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            CREATE TABLE test_job_items (item int PRIMARY KEY, processed int NOT NULL DEFAULT 0);
            CREATE TABLE test_job_effects (id bigserial PRIMARY KEY, job text NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp());
            GRANT SELECT, INSERT, UPDATE, DELETE ON test_job_items, test_job_effects TO portal_app;
            GRANT USAGE, SELECT ON SEQUENCE test_job_effects_id_seq TO portal_app;
            """, connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<long> ScalarAsync(TestDatabase database, string sql)
    {
        await using var connection = new NpgsqlConnection(database.AppConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
