using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Audit.Checkpoints;

namespace PaymentsPortal.Tests.Unit.Audit;

[Trait("Tier", "Unit")]
public sealed class AuditCheckpointScheduleTests
{
    [Fact]
    public void AddAuditCheckpointSchedule_NoSetting_HourlyHostedService()
    {
        var services = Schedule([]);

        Assert.Contains(services, d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(AuditCheckpointSchedule));
        using var provider = services.BuildServiceProvider();
        Assert.Equal(TimeSpan.FromHours(1), provider.GetRequiredService<IOptions<AuditCheckpointOptions>>().Value.CheckpointInterval);
    }

    [Fact]
    public void AddAuditCheckpointSchedule_IntervalSetting_IsBound()
    {
        using var provider = Schedule(new() { ["Audit:CheckpointInterval"] = "00:05:00" }).BuildServiceProvider();

        Assert.Equal(TimeSpan.FromMinutes(5), provider.GetRequiredService<IOptions<AuditCheckpointOptions>>().Value.CheckpointInterval);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-00:01:00")]
    [InlineData("60.00:00:00")]
    public void AddAuditCheckpointSchedule_IntervalOutOfRange_IsRefused(string interval)
    {
        using var provider = Schedule(new() { ["Audit:CheckpointInterval"] = interval }).BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<AuditCheckpointOptions>>().Value);
    }

    private static ServiceCollection Schedule(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddAuditCheckpointSchedule(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services;
    }
}
