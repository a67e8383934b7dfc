using System.Threading.Channels;

namespace PaymentsPortal.Core.Webhooks.Inbound.Processing;

/// <summary>
/// "Something new is in the inbox", from the intake to this instance's drain. Signals collapse into one: a drain that wakes
/// up works through everything due, however many events arrived meanwhile.
/// </summary>
public sealed class WebhookInboxSignal
{
    private readonly Channel<bool> channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    public void Raise() => channel.Writer.TryWrite(true);

    /// <summary>Returns when a signal arrives or <paramref name="timeout"/> passes, whichever is first.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(timeout, clock);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            await channel.Reader.ReadAsync(either.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The timeout: a retry is due.
        }
    }
}
