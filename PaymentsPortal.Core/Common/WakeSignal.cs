using System.Threading.Channels;

namespace PaymentsPortal.Core.Common;

/// <summary>
/// "There is work", from whoever made it to the one loop that does it. Signals collapse into one: a loop that wakes up works
/// through everything there is, however many signals came meanwhile.
/// </summary>
public abstract class WakeSignal
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
            // The timeout: something is due.
        }
    }
}
