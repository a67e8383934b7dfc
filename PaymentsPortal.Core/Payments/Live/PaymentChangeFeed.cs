using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace PaymentsPortal.Core.Payments.Live;

/// <summary>
/// One LISTEN connection per app instance on <see cref="PaymentChange.Channel"/>. A trigger on the payments table
/// notifies in the transaction that changed the payment, so PostgreSQL delivers it at commit to every instance, and
/// pages showing payments refresh whichever instance made the change. Subscribers get <see cref="Changed"/> on the
/// listener's thread and must hop onto their own (Blazor: InvokeAsync).
/// </summary>
public sealed class PaymentChangeFeed(string connectionString, ILogger<PaymentChangeFeed> logger, TimeProvider clock) : BackgroundService
{
    private static readonly TimeSpan[] Reconnect = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30)];

    public event Action<PaymentChange>? Changed;

    /// <summary>Raised after each (re)connection: changes made while disconnected were missed, so viewers should reload.</summary>
    public event Action? Resubscribed;

    /// <summary>True while the LISTEN connection is up; pages can say so when it is not.</summary>
    public bool IsListening { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                IsListening = false;
                var wait = Reconnect[Math.Min(failures++, Reconnect.Length - 1)];
                logger.LogWarning(exception, "Listening for payment changes failed; trying again in {Wait}.", wait);
                await Task.Delay(wait, clock, stoppingToken);
            }
        }
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            // Held for the app's lifetime: outside the pool, with keepalives so a dead server is noticed.
            Pooling = false,
            KeepAlive = 30,
        };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(stoppingToken);
        connection.Notification += (_, e) => Publish(e.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {PaymentChange.Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        IsListening = true;
        Resubscribed?.Invoke();
        while (true)
        {
            await connection.WaitAsync(stoppingToken);
        }
    }

    private void Publish(string payload)
    {
        if (PaymentChange.Parse(payload) is not { } change)
        {
            logger.LogWarning("Ignored a payment change notification that could not be read.");
            return;
        }

        try
        {
            Changed?.Invoke(change);
        }
        catch (Exception exception)
        {
            // One broken subscriber must not stop the feed for every other page.
            logger.LogError(exception, "A payment change subscriber failed.");
        }
    }
}
