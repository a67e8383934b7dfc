using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PaymentsPortal.Core.Redaction;

namespace PaymentsPortal.Tests.Unit.Redaction;

[Trait("Tier", "Unit")]
public sealed class RedactingLoggerProviderTests
{
    // Assembled at run time so that no live-looking key is committed, even a fake one.
    private static readonly string LiveKey = "sk_" + "live_" + "abcdefghijkl";

    [Fact]
    public void Log_CardAndSecretInTemplateValuesAndException_SinkSeesOnlyRedactedText()
    {
        var sink = new CapturingProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton<ILoggerProvider>(sink);
        RedactingLoggerProvider.WrapAll(services);
        using var provider = services.BuildServiceProvider();
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger("test");

        logger.LogWarning(new InvalidOperationException($"gateway said: key {LiveKey} invalid"),
            "Charge of {Amount} with card {Card} failed", 1250, "4242 4242 4242 4242");

        var entry = Assert.Single(sink.Entries);
        Assert.Contains("****4242", entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("4242 4242", entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(LiveKey, entry.Message, StringComparison.Ordinal);
        Assert.Equal("****4242", entry.Values["Card"]);
        Assert.Equal(1250, entry.Values["Amount"]);
    }

    private sealed class CapturingProvider : ILoggerProvider, ILogger
    {
        public List<(string Message, Dictionary<string, object?> Values)> Entries { get; } = [];

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? pairs.ToDictionary(p => p.Key, p => p.Value) : [];
            Entries.Add((formatter(state, exception) + exception, values));
        }

        public void Dispose()
        {
        }
    }
}
