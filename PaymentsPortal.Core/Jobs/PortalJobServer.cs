using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PaymentsPortal.Core.Jobs;

/// <summary>
/// Puts the recurring schedules in place and runs this instance's Hangfire server, inside the app process. Every instance
/// runs one; they share the job storage, which hands each job to one worker and fires each schedule once.
/// </summary>
public sealed class PortalJobServer(
    JobStorage storage, PortalJobSchedules schedules, IServiceScopeFactory scopes, IOptions<JobsOptions> options, ILoggerFactory loggers)
    : IHostedService, IDisposable
{
    private BackgroundJobServer? server;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        HangfireLogBridge.Attach(loggers);
        schedules.Apply();
        var jobs = options.Value;
        if (jobs.RunServer)
        {
            server = new BackgroundJobServer(new BackgroundJobServerOptions
            {
                ServerName = JobInstance.Name,
                WorkerCount = jobs.WorkerCount,
                SchedulePollingInterval = jobs.SchedulePollingInterval,
                Activator = new ScopedJobActivator(scopes),
            }, storage);
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (server is not null)
        {
            server.SendStop();
            await server.WaitForShutdownAsync(cancellationToken);
        }

        HangfireLogBridge.Detach(loggers);
    }

    public void Dispose() => server?.Dispose();
}
