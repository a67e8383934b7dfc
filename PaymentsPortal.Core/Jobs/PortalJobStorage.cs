using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;

namespace PaymentsPortal.Core.Jobs;

/// <summary>
/// Hangfire's storage on the portal's own database, in schema <see cref="Schema"/>. The schema is installed by the
/// migrator as the owner role (see <c>DatabaseMigrator</c>); the running app, as the application role, never creates or
/// alters anything there.
/// </summary>
public static class PortalJobStorage
{
    public const string Schema = "hangfire";

    private static readonly Lazy<bool> Configured = new(() =>
    {
        // Process-wide settings Hangfire keeps in statics; the same values for every storage, so setting them once is enough.
        GlobalConfiguration.Configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings();
        return true;
    });

    /// <summary>
    /// A storage of its own for this connection string. Not <c>AddHangfire</c>'s global one: tests run several apps over
    /// different databases in one process, and each must keep its jobs in its own database.
    /// </summary>
    public static JobStorage Create(string connectionString, JobsOptions jobs)
    {
        _ = Configured.Value;
        var options = StorageOptions(jobs);
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
    }

    public static PostgreSqlStorageOptions StorageOptions(JobsOptions jobs) => new()
    {
        SchemaName = Schema,
        PrepareSchemaIfNecessary = false,
        // Workers wait on LISTEN new_job instead of polling: an enqueued job starts at once, and an idle portal stays quiet.
        EnableLongPolling = true,
        QueuePollInterval = jobs.QueuePollInterval,
        // A long run (a nightly verification of every chain) keeps its claim alive instead of being fetched again after 30 minutes.
        UseSlidingInvisibilityTimeout = true,
        InvisibilityTimeout = TimeSpan.FromMinutes(5),
        DistributedLockTimeout = TimeSpan.FromMinutes(1),
    };
}
