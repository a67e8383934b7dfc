using Microsoft.AspNetCore.Components;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Sandbox.TestPayments;

namespace PaymentsPortal.Components.Pages.Sandbox;

public sealed partial class TestPaymentsPanel : IDisposable
{
    private static readonly IReadOnlyList<string> Currencies = [.. Currency.All.Select(c => c.Code).Order(StringComparer.Ordinal)];

    // Ends with the circuit: a batch still sending stops after the payment in flight.
    private readonly CancellationTokenSource closing = new();
    private readonly List<TestPaymentResult> results = [];
    private readonly TestPaymentInput input = new();
    private CancellationTokenSource? stopping;
    private TestPaymentBatch? batch;
    private bool running;
    private string? error;

    [Inject]
    private SandboxTestPayments Payments { get; set; } = default!;

    [Inject]
    private ILogger<TestPaymentsPanel> Logger { get; set; } = default!;

    [CascadingParameter]
    private UserAccess Access { get; set; } = UserAccess.Anonymous;

    /// <summary>Raised on the circuit after each payment, so the page re-reads the breakers the payment may have moved.</summary>
    [Parameter]
    public EventCallback OnPaymentSent { get; set; }

    // MudBlazor's own validation, so a field shows its problem as it is typed; Send checks everything again.
    private static readonly Func<int, string?> CountProblem = TestPaymentInput.CountProblemOf;

    private Func<string?, string?> AmountProblem => amount => TestPaymentInput.AmountProblemOf(amount, input.CurrencyCode);

    private string Summary => results.Count == 0
        ? ""
        : ": " + string.Join(", ", results.GroupBy(r => r.Status?.ToString() ?? "Not sent").Select(g => $"{g.Key} {g.Count()}"));

    private void Send()
    {
        error = null;
        if (input.Problems.Count > 0)
        {
            error = "Nothing was sent. " + string.Join(" ", input.Problems);
            return;
        }

        batch = input.ToBatch();
        results.Clear();
        running = true;
        stopping?.Dispose();
        stopping = CancellationTokenSource.CreateLinkedTokenSource(closing.Token);

        // Off the circuit's thread, so the page stays responsive while payments wait on gateways; results come back
        // through InvokeAsync.
        var (merchantId, by, sending, token) = (Access.Current!.MerchantId, Access.AsActor(), batch, stopping.Token);
        _ = Task.Run(() => SendAllAsync(merchantId, by, sending, token), CancellationToken.None);
    }

    private void Stop() => stopping?.Cancel();

    private async Task SendAllAsync(Guid merchantId, ActingUser by, TestPaymentBatch sending, CancellationToken cancellationToken)
    {
        string? failure = null;
        var sent = 0;
        try
        {
            await foreach (var result in Payments.SendAsync(merchantId, by, sending, cancellationToken))
            {
                sent++;
                await OnCircuitAsync(async () =>
                {
                    results.Add(result);
                    await OnPaymentSent.InvokeAsync();
                });
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Exceptions are for the unexpected: the detail goes to the log, never to the page.
            Logger.LogError(e, "Sandbox test payments stopped after {Count} of {Total}.", sent, sending.Count);
            failure = "Sending stopped because of an unexpected error; it is in the log.";
        }

        await OnCircuitAsync(() =>
        {
            running = false;
            error = failure;
            return Task.CompletedTask;
        });
    }

    private async Task OnCircuitAsync(Func<Task> change)
    {
        if (closing.IsCancellationRequested)
        {
            return;
        }

        try
        {
            await InvokeAsync(async () =>
            {
                await change();
                StateHasChanged();
            });
        }
        catch (ObjectDisposedException)
        {
            // The circuit ended between the check and the update: nobody is watching any more.
        }
    }

    public void Dispose()
    {
        closing.Cancel();
        closing.Dispose();
        stopping?.Dispose();
    }
}
