using System.Globalization;
using Npgsql;
using PaymentsPortal.Benchmarks.Payments;

namespace PaymentsPortal.Benchmarks.Webhooks;

/// <summary>
/// The database load of a portal no one uses: commits per second in the portal's database (pg_stat_database.xact_commit) while
/// the portal runs with its Hangfire server, its recurring jobs, the webhook dispatcher and the inbox drain, and nothing else
/// happens. The baseline, read in the same windows, is an empty database on the same server that nothing connects to, so what
/// the readings themselves and the server's own background work cost is visible. It runs before the other phases, so the portal
/// has no work left over from them.
/// </summary>
internal sealed class IdlePhase : IWebhooksBenchmarkPhase
{
    public const double TargetPerSecond = 5;

    private const int Windows = 3;

    /// <summary>Time for the start-up work (the first pass of the dispatcher and the drain, registering the schedules) to finish.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(20);

    public string Name => "idle";

    public async Task<string> RunAsync(WebhooksBenchmarkContext context)
    {
        var (database, _, options) = context;
        var admin = Environment.GetEnvironmentVariable(ThrowawayDatabase.AdminVariable)!;
        await using var control = await ThrowawayDatabase.CreateAsync(admin, CancellationToken.None);
        WebhooksBenchmarkContext.Log($"idle: settling for {Settle.TotalSeconds:0} s");
        await Task.Delay(Settle);

        var window = options.Idle / Windows;
        var table = new MarkdownTable("window", "portal's database", "empty database (baseline)", "job runs", "target", "result");
        var before = await ReadAsync(database, control);
        var worst = 0.0;
        for (var i = 1; i <= Windows; i++)
        {
            WebhooksBenchmarkContext.Log(string.Create(CultureInfo.InvariantCulture, $"idle: window {i} of {Windows} ({window.TotalSeconds:0} s)"));
            await Task.Delay(window);
            var after = await ReadAsync(database, control);
            var seconds = (after.At - before.At).TotalSeconds;

            // The counters are read from the maintenance database; counting job runs is one transaction in the portal's, left out.
            var portal = (after.Portal - before.Portal - 1) / seconds;
            var empty = (after.Empty - before.Empty) / seconds;
            worst = Math.Max(worst, portal);
            table.Add(i.ToString(CultureInfo.InvariantCulture), ReportFormat.Number(portal) + " commits/s", ReportFormat.Number(empty) + " commits/s",
                ReportFormat.Count(after.JobRuns - before.JobRuns), "≤ 5/s", ReportFormat.Verdict(portal <= TargetPerSecond));
            before = after;
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"Idle portal: {Windows} windows of {window.TotalSeconds:0} s after {Settle.TotalSeconds:0} s of settling, no requests. Commits per second from " +
            $"pg_stat_database (read-only transactions count too); the portal runs every recurring job on its default schedule, the webhook " +
            $"dispatcher (LISTEN, fallback poll every 60 s) and the inbox drain. Highest window: {worst:0.00} commits/s.{Environment.NewLine}{Environment.NewLine}{table}");
    }

    private sealed record Reading(DateTimeOffset At, long Portal, long Empty, long JobRuns);

    private static async Task<Reading> ReadAsync(ThrowawayDatabase database, ThrowawayDatabase control)
    {
        long portal, empty;
        await using (var connection = new NpgsqlConnection(database.AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT (SELECT xact_commit FROM pg_stat_database WHERE datname = $1), (SELECT xact_commit FROM pg_stat_database WHERE datname = $2)", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = database.Name });
            command.Parameters.Add(new NpgsqlParameter { Value = control.Name });
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            (portal, empty) = (reader.GetInt64(0), reader.GetInt64(1));
        }

        await using var owner = new NpgsqlConnection(database.OwnerConnectionString);
        await owner.OpenAsync();
        await using var runs = new NpgsqlCommand("SELECT count(*) FROM job_runs", owner);
        return new Reading(DateTimeOffset.UtcNow, portal, empty, (long)(await runs.ExecuteScalarAsync())!);
    }
}
