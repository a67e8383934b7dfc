using Microsoft.Extensions.Logging;
using HangfireLog = Hangfire.Logging;

namespace PaymentsPortal.Core.Jobs;

/// <summary>
/// Hangfire logs through a process-wide provider, and caches the loggers it hands out. This bridge looks up the app's
/// logger factory when a message is written rather than when a logger is made, so Hangfire's messages reach the running
/// app's (redacting) log sinks; and when that app is gone (tests start and stop several in one process) they are dropped
/// instead of failing the job that wrote them.
/// </summary>
public sealed class HangfireLogBridge : HangfireLog.ILogProvider
{
    private static readonly HangfireLogBridge Instance = new();
    private static volatile ILoggerFactory? current;

    public static void Attach(ILoggerFactory factory)
    {
        current = factory;
        HangfireLog.LogProvider.SetCurrentLogProvider(Instance);
    }

    public static void Detach(ILoggerFactory factory) => Interlocked.CompareExchange(ref current, null, factory);

    public HangfireLog.ILog GetLogger(string name) => new BridgedLog(name);

    private sealed class BridgedLog(string name) : HangfireLog.ILog
    {
        public bool Log(HangfireLog.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            if (current is not { } factory)
            {
                return false;
            }

            try
            {
                var logger = factory.CreateLogger(name);
                var level = Map(logLevel);
                if (messageFunc is null)
                {
                    return logger.IsEnabled(level);
                }

                if (logger.IsEnabled(level))
                {
#pragma warning disable CA1848, CA2254 // Hangfire's messages are already formatted text.
                    logger.Log(level, exception, messageFunc());
#pragma warning restore CA1848, CA2254
                }

                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }

        private static LogLevel Map(HangfireLog.LogLevel level) => level switch
        {
            HangfireLog.LogLevel.Trace => LogLevel.Trace,
            HangfireLog.LogLevel.Debug => LogLevel.Debug,
            HangfireLog.LogLevel.Info => LogLevel.Information,
            HangfireLog.LogLevel.Warn => LogLevel.Warning,
            HangfireLog.LogLevel.Error => LogLevel.Error,
            HangfireLog.LogLevel.Fatal => LogLevel.Critical,
            _ => LogLevel.Information,
        };
    }
}
