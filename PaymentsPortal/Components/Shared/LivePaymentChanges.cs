using PaymentsPortal.Core.Payments.Live;

namespace PaymentsPortal.Components.Shared;

/// <summary>
/// A page's subscription to payment changes of its merchant, made on any app instance. A burst of changes calls
/// <c>refresh</c> once, <see cref="AtMostEvery"/> after the first of them, so a busy merchant does not turn every payment
/// into a database read per open page. Dispose it with the page.
/// </summary>
public sealed class LivePaymentChanges : IDisposable
{
    public static readonly TimeSpan AtMostEvery = TimeSpan.FromSeconds(2);

    private readonly PaymentChangeFeed feed;
    private readonly Func<Guid?> merchant;
    private readonly Func<Task> refresh;
    private Timer? pending;

    /// <param name="merchant">The merchant the page shows now (it can change when the user switches).</param>
    /// <param name="refresh">Reloads and re-renders; called on a timer thread, so it must hop onto the circuit (InvokeAsync).</param>
    public LivePaymentChanges(PaymentChangeFeed feed, Func<Guid?> merchant, Func<Task> refresh)
    {
        this.feed = feed;
        this.merchant = merchant;
        this.refresh = refresh;
        feed.Changed += OnChanged;
        feed.Resubscribed += OnResubscribed;
    }

    private void OnChanged(PaymentChange change)
    {
        if (change.MerchantId == merchant())
        {
            Arm();
        }
    }

    // Changes made while the feed was reconnecting were missed: reload once to catch up.
    private void OnResubscribed() => Arm();

    private void Arm()
    {
        var timer = new Timer(_ => _ = FireAsync(), null, AtMostEvery, Timeout.InfiniteTimeSpan);
        if (Interlocked.CompareExchange(ref pending, timer, null) is not null)
        {
            timer.Dispose();
        }
    }

    private async Task FireAsync()
    {
        Interlocked.Exchange(ref pending, null)?.Dispose();
        await refresh();
    }

    public void Dispose()
    {
        feed.Changed -= OnChanged;
        feed.Resubscribed -= OnResubscribed;
        Interlocked.Exchange(ref pending, null)?.Dispose();
    }
}
