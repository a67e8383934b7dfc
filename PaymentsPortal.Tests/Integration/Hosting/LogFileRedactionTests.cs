using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Hosting;

/// <summary>The file sink, like every sink, sits behind the redactor: what reaches the file is already masked.</summary>
[Trait("Tier", "Integration")]
public sealed class LogFileRedactionTests
{
    [Fact]
    public async Task FileSink_ReceivesOnlyRedactedText()
    {
        var path = Path.Combine(Path.GetTempPath(), $"portal-log-{Guid.NewGuid():N}.log");
        var database = await TestPostgres.CreateDatabaseAsync();
        try
        {
            await using (var app = new PortalAppFactory(database, new Dictionary<string, string?>
            {
                ["Logging:File:Path"] = path,
                ["Logging:File:LogLevel:Default"] = "Information",
            }))
            {
                app.Start();
                var secret = "sk_" + "live_" + new string('a', 24);
                app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Redaction.Check")
                    .LogWarning("Customer pasted card {Card} and key {Key}", "4242 4242 4242 4242", secret);
            }

            var logged = await File.ReadAllTextAsync(path);
            Assert.Contains("Redaction.Check", logged, StringComparison.Ordinal);
            Assert.DoesNotContain("4242 4242 4242 4242", logged, StringComparison.Ordinal);
            Assert.DoesNotContain("sk_live_aaaa", logged, StringComparison.Ordinal);
            Assert.Contains("4242", logged, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
            await TestPostgres.DropDatabaseAsync(database.Name);
        }
    }
}
