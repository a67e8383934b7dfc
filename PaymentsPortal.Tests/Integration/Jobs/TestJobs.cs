using Npgsql;
using PaymentsPortal.Core.Jobs;

namespace PaymentsPortal.Tests.Integration.Jobs;

/// <summary>Leaves one row per run in test_job_effects: the count of rows is the count of runs that did their work.</summary>
internal sealed class EffectJob(Func<string> connectionString, string id, string schedule = JobsOptions.Off) : IPortalJob
{
    public string Id => id;

    public string Title => "Test effect " + id;

    public string Description => "Writes one row per run.";

    public string DefaultSchedule => schedule;

    public async Task<JobResult> RunAsync(JobProgress progress, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString());
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("INSERT INTO test_job_effects (job) VALUES (@job)", connection);
        command.Parameters.AddWithValue("job", id);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new JobResult(1, 0, "One effect written.");
    }
}

/// <summary>
/// Works through test_job_items one committed item at a time, claiming each with a conditional UPDATE (the way the
/// portal's jobs claim work), and crashes after <paramref name="crashAfter"/> items on its first run only.
/// </summary>
internal sealed class CrashingBatchJob(Func<string> connectionString, int crashAfter) : IPortalJob
{
    private int runs;

    public string Id => "test-crashing-batch";

    public string Title => "Test crashing batch";

    public string Description => "Processes items and crashes midway on its first run.";

    public string DefaultSchedule => JobsOptions.Off;

    public async Task<JobResult> RunAsync(JobProgress progress, CancellationToken cancellationToken)
    {
        var firstRun = Interlocked.Increment(ref runs) == 1;
        await using var connection = new NpgsqlConnection(connectionString());
        await connection.OpenAsync(cancellationToken);
        var done = 0;
        while (true)
        {
            await using var claim = new NpgsqlCommand(
                "UPDATE test_job_items SET processed = processed + 1 WHERE item = (SELECT min(item) FROM test_job_items WHERE processed = 0) RETURNING item",
                connection);
            if (await claim.ExecuteScalarAsync(cancellationToken) is null)
            {
                return new JobResult(done);
            }

            done++;
            await progress.ReportAsync(done, null, cancellationToken);
            if (firstRun && done == crashAfter)
            {
                throw new InvalidOperationException("Simulated crash in the middle of the batch.");
            }
        }
    }
}
