namespace PaymentsPortal.Components.Pages.Webhooks;

/// <summary>
/// Ticks every two seconds until disposed, so a view showing a delivery still on its way (Pending) can read it again and the
/// Admin who sent a test or resent a delivery watches it land without pressing Refresh. Polling rather than a notification:
/// attempts are recorded by whichever instance's dispatcher made them, and the views read only while something is pending,
/// one short keyset query per tick.
/// </summary>
public sealed class WebhookRefreshLoop : IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private readonly CancellationTokenSource stopping = new();

    private WebhookRefreshLoop()
    {
    }

    /// <param name="tick">Runs on each tick; the component decides there, on its own dispatcher, whether anything needs reading.</param>
    /// <param name="failed">Receives what a tick threw, for the component to rethrow where Blazor handles its errors.</param>
    public static WebhookRefreshLoop Start(Func<Task> tick, Func<Exception, Task> failed)
    {
        var loop = new WebhookRefreshLoop();
        _ = RunAsync(tick, failed, loop.stopping.Token);
        return loop;
    }

    private static async Task RunAsync(Func<Task> tick, Func<Exception, Task> failed, CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                await tick();
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The view was closed.
        }
        catch (Exception error) when (!stopping.IsCancellationRequested)
        {
            await failed(error);
        }
    }

    public void Dispose()
    {
        stopping.Cancel();
        stopping.Dispose();
    }
}
