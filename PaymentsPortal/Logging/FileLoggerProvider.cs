using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

namespace PaymentsPortal.Logging;

/// <summary>
/// Appends log lines (one JSON object each) to a file named by <c>Logging:File:Path</c>, for hosts whose log
/// shipper tails files, and for the test run, which scans what the app logged for card numbers and secrets.
/// Registered before the redacting wrapper, so it only ever receives redacted text.
/// </summary>
[ProviderAlias("File")]
public sealed class FileLoggerProvider : ILoggerProvider
{
    private readonly StreamWriter writer;
    private readonly Lock gate = new();
    private readonly ConcurrentDictionary<string, FileLogger> loggers = new(StringComparer.Ordinal);

    public FileLoggerProvider(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
    }

    public ILogger CreateLogger(string categoryName) => loggers.GetOrAdd(categoryName, name => new FileLogger(this, name));

    public void Dispose()
    {
        lock (gate)
        {
            writer.Dispose();
        }
    }

    private void Write(string category, LogLevel level, string message, Exception? exception)
    {
        var line = JsonSerializer.Serialize(new
        {
            time = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            level = level.ToString(),
            category,
            message,
            exception = exception?.ToString(),
        });
        lock (gate)
        {
            writer.WriteLine(line);
        }
    }

    private sealed class FileLogger(FileLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                provider.Write(category, logLevel, formatter(state, exception), exception);
            }
        }
    }
}
