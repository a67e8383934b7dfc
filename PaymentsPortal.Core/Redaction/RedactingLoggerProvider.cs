using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PaymentsPortal.Core.Redaction;

/// <summary>
/// Wraps a logger provider so that every message, structured value and exception text passes
/// through <see cref="SensitiveDataRedactor"/> before any sink sees it.
/// </summary>
public sealed class RedactingLoggerProvider(ILoggerProvider inner) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName));

    public void Dispose() => inner.Dispose();

    /// <summary>Wraps every logger provider registered so far; call it after the last one is added.</summary>
    public static void WrapAll(IServiceCollection services)
    {
        foreach (var descriptor in services.Where(d => d.ServiceType == typeof(ILoggerProvider)).ToList())
        {
            services.Remove(descriptor);
            services.Add(ServiceDescriptor.Describe(typeof(ILoggerProvider),
                sp => new RedactingLoggerProvider(Create(sp, descriptor)), descriptor.Lifetime));
        }
    }

    private static ILoggerProvider Create(IServiceProvider services, ServiceDescriptor descriptor) =>
        descriptor.ImplementationInstance as ILoggerProvider
        ?? descriptor.ImplementationFactory?.Invoke(services) as ILoggerProvider
        ?? (ILoggerProvider)ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!);

    private sealed class RedactingLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!inner.IsEnabled(logLevel))
            {
                return;
            }

            var message = SensitiveDataRedactor.Redact(formatter(state, null));
            var values = new List<KeyValuePair<string, object?>>();
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var (key, value) in pairs)
                {
                    // Values keep their type unless redaction changed them (a long can be a card number).
                    var text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
                    var redacted = SensitiveDataRedactor.Redact(text);
                    values.Add(new(key, string.Equals(text, redacted, StringComparison.Ordinal) ? value : redacted));
                }
            }

            if (exception is not null)
            {
                // Exception messages can quote request data; only the redacted text is passed on.
                message += Environment.NewLine + SensitiveDataRedactor.Redact(exception.ToString());
            }

            inner.Log(logLevel, eventId, new RedactedState(message, values), null, static (s, _) => s.Message);
        }
    }

    private sealed class RedactedState(string message, List<KeyValuePair<string, object?>> values)
        : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public string Message { get; } = message;

        public int Count => values.Count;

        public KeyValuePair<string, object?> this[int index] => values[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => values.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => Message;
    }
}
