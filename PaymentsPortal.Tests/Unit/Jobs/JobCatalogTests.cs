using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Components.Pages.Jobs;
using PaymentsPortal.Core;
using PaymentsPortal.Core.Jobs;

namespace PaymentsPortal.Tests.Unit.Jobs;

[Trait("Tier", "Unit")]
public sealed class JobCatalogTests
{
    [Fact]
    public async Task Catalog_EveryJob_HasAUniqueIdTitleAndAScheduleOfItsOwn()
    {
        // Asynchronously disposed: jobs depend on services (the inbox writer) that only dispose asynchronously.
        await using var services = Services([]);
        var catalog = services.GetRequiredService<JobCatalog>();

        Assert.Equal(15, catalog.All.Count);
        Assert.Equal(catalog.All.Count, catalog.All.Select(j => j.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.All(catalog.All, j => Assert.False(string.IsNullOrWhiteSpace(j.Title) || string.IsNullOrWhiteSpace(j.Description)));
        Assert.All(catalog.All, j => Assert.Equal(j.DefaultSchedule, catalog.ScheduleOf(j)));
    }

    [Theory]
    [InlineData("off", null)]
    [InlineData("OFF", null)]
    [InlineData("*/10 * * * *", "*/10 * * * *")]
    public async Task ScheduleOf_Configured_ReplacesTheDefault(string configured, string? expected)
    {
        await using var services = Services(new() { ["Jobs:Schedules:payment-reconciliation"] = configured });
        var catalog = services.GetRequiredService<JobCatalog>();

        Assert.Equal(expected, catalog.ScheduleOf(catalog.Find("payment-reconciliation")!));
    }

    [Theory]
    [InlineData(null, "Off")]
    [InlineData("* * * * *", "Every minute")]
    [InlineData("*/5 * * * *", "Every 5 minutes")]
    [InlineData("3-59/5 * * * *", "Every 5 minutes from :03")]
    [InlineData("0 * * * *", "Hourly at :00")]
    [InlineData("30 2 * * *", "Daily at 02:30 UTC")]
    [InlineData("0 0 1 * *", "0 0 1 * *")]
    public void Schedule_CommonShapes_AreWordedAndTheRestShownAsCron(string? cron, string expected) =>
        Assert.Equal(expected, JobFormat.Schedule(cron));

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddPortalCore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), "Host=127.0.0.1;Database=unused");
        return services.BuildServiceProvider();
    }
}
