using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Members;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Members;

/// <summary>The last-admin rule holds when two admins act at the same moment, on two connections.</summary>
[Trait("Tier", "Integration")]
public sealed class MemberAdministrationConcurrencyTests : IAsyncLifetime
{
    private CoreHost host = default!;

    public async Task InitializeAsync() => host = await CoreHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task ChangeRoleAsync_TwoAdminsDemoteEachOtherAtOnce_ExactlyOneSucceeds()
    {
        var members = host.Service<MemberAdministration>();
        var demoCoffee = await host.MerchantIdAsync(DemoData.DemoCoffee);
        var ada = await host.MembershipAsync(demoCoffee, "admin@demo.local");
        var cora = await host.MembershipAsync(demoCoffee, "compliance@demo.local");
        Assert.True((await members.ChangeRoleAsync(demoCoffee, TestActors.For(ada.UserId), cora.Id, MerchantRole.Admin)).Succeeded);

        var results = await Task.WhenAll(
            Task.Run(() => members.ChangeRoleAsync(demoCoffee, TestActors.For(ada.UserId), cora.Id, MerchantRole.Viewer)),
            Task.Run(() => members.ChangeRoleAsync(demoCoffee, TestActors.For(cora.UserId), ada.Id, MerchantRole.Viewer)));

        Assert.Single(results, r => r.Succeeded);
        var rows = await members.ListAsync(demoCoffee);
        Assert.Single(rows, r => r is { Role: MerchantRole.Admin, IsDisabled: false });
    }
}
