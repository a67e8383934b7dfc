using Microsoft.AspNetCore.Components;
using MudBlazor;
using PaymentsPortal.Core.Jobs;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Components.Pages.Jobs;

public sealed partial class JobsPage
{
    // Runs are short and progress is written once a second; a 2-second refresh shows them move without loading the database.
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(2);

    private readonly CancellationTokenSource stopping = new();
    private readonly HashSet<string> requested = new(StringComparer.Ordinal);
    private IReadOnlyList<JobOverview>? jobs;
    private JobOverview? selected;
    private IReadOnlyList<JobRun>? history;
    private string? error;

    [Inject]
    private JobsOverview Overview { get; set; } = default!;

    [Inject]
    private JobRequests Requests { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter]
    private UserAccess Access { get; set; } = UserAccess.Anonymous;

    protected override async Task OnInitializedAsync() => await LoadAsync();

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            _ = RefreshLoopAsync();
        }
    }

    private async Task RefreshLoopAsync()
    {
        using var timer = new PeriodicTimer(Refresh);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping.Token))
            {
                await InvokeAsync(async () =>
                {
                    await LoadAsync();
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException)
        {
            // The page was closed.
        }
    }

    private async Task LoadAsync()
    {
        try
        {
            jobs = await Overview.ListAsync(stopping.Token);
            // A request is pending until its run shows up as running or as a newer last run.
            requested.RemoveWhere(id => jobs.FirstOrDefault(j => j.Id == id) is { Running: not null });
            if (selected is not null)
            {
                selected = jobs.FirstOrDefault(j => j.Id == selected.Id);
                history = selected is null ? null : await Overview.HistoryAsync(selected.Id, 20, stopping.Token);
            }

            error = null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            error = "The job list could not be read. It is tried again in a moment.";
        }
    }

    private async Task SelectAsync(JobOverview job)
    {
        selected = job;
        history = await Overview.HistoryAsync(job.Id, 20, stopping.Token);
    }

    private async Task RunNowAsync(JobOverview job)
    {
        requested.Add(job.Id);
        var result = await Requests.RunNowAsync(Access, job.Id, stopping.Token);
        if (!result.Succeeded)
        {
            requested.Remove(job.Id);
            Snackbar.Add(result.Error!, Severity.Error);
            return;
        }

        Snackbar.Add($"{job.Title}: a run is queued.", Severity.Info);
        await SelectAsync(job);
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        stopping.Dispose();
    }
}
