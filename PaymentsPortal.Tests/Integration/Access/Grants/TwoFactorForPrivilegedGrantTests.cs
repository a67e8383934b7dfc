using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Access.Grants;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Access.Grants;

/// <summary>Where privileged roles require two-factor, a temporary privileged role does too: it is asked for only with two-factor on.</summary>
[Trait("Tier", "Integration")]
public sealed class TwoFactorForPrivilegedGrantTests : IAsyncLifetime
{
    private CoreHost host = default!;

    public async Task InitializeAsync() =>
        host = await CoreHost.StartAsync(settings: new Dictionary<string, string?> { ["Security:RequireTwoFactorForPrivilegedRoles"] = "true" });

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task RequestAsync_PrivilegedRoleWithoutTwoFactor_IsRefusedButAnUnprivilegedOneIsNot()
    {
        var requests = host.Service<AccessGrantRequests>();
        var merchant = await host.MerchantIdAsync(DemoData.DemoCoffee);
        var viewer = await host.ActorAsync("viewer@demo.local");

        var privileged = await requests.RequestAsync(merchant, viewer, MerchantRole.Support, TimeSpan.FromHours(1), GrantSteps.Justification);
        var unprivileged = await requests.RequestAsync(merchant, viewer, MerchantRole.Operator, TimeSpan.FromHours(1), GrantSteps.Justification);

        Assert.False(privileged.Succeeded);
        Assert.Contains("two-factor", privileged.Error, StringComparison.Ordinal);
        Assert.True(unprivileged.Succeeded, unprivileged.Error);
    }
}
