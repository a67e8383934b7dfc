using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace PaymentsPortal.Tests.Support;

/// <summary>
/// The real app on Kestrel on a free loopback port, over its own fresh database, in Sandbox mode
/// with the demo data seeded. Settings can be overridden per test class.
/// </summary>
public class PortalAppFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> settings;
    private readonly string environment;

    public PortalAppFactory(TestDatabase database, IDictionary<string, string?>? overrides = null, string environment = "Development")
    {
        Database = database;
        this.environment = environment;
        settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Portal"] = database.AppConnectionString,
            ["ConnectionStrings:PortalOwner"] = database.OwnerConnectionString,
            ["Security:SignInAttemptsPerMinute"] = "10000",
            ["Logging:LogLevel:Default"] = "Warning",
            // Jobs would otherwise reconcile, expire and roll up behind a test's back; a test that needs them switches them on.
            ["Jobs:RunServer"] = "false",
            // The simulators' webhooks are on only where a test class turns them on, so no other test meets their traffic.
            ["Sandbox:Webhooks:Enabled"] = "false",
        };
        // test.sh collects what every app instance logged and scans it for card numbers and secrets afterwards.
        if (Environment.GetEnvironmentVariable("PORTAL_TEST_LOG_DIR") is { Length: > 0 } logs)
        {
            settings["Logging:File:Path"] = Path.Combine(logs, $"app-{Guid.NewGuid():N}.log");
            settings["Logging:File:LogLevel:Default"] = "Information";
        }

        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        UseKestrel(0);
    }

    public TestDatabase Database { get; }

    /// <summary>The loopback address Kestrel listens on, once <see cref="Start"/> has run.</summary>
    public Uri BaseAddress => ClientOptions.BaseAddress;

    public void Start() => StartServer();

    public T Service<T>()
        where T : notnull => Services.GetRequiredService<T>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
