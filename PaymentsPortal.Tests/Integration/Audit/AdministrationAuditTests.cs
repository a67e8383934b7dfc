using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Identity;
using PaymentsPortal.Core.Members;
using PaymentsPortal.Core.Merchants;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Core.Users;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Audit;

/// <summary>Every administration use case leaves exactly one entry, with its actor, origin and target, on the right chain.</summary>
[Trait("Tier", "Integration")]
public sealed class AdministrationAuditTests : IAsyncLifetime
{
    private CoreHost host = default!;
    private Guid demoCoffee;
    private ActingUser admin = default!;

    public async Task InitializeAsync()
    {
        host = await CoreHost.StartAsync();
        demoCoffee = await host.MerchantIdAsync(DemoData.DemoCoffee);
        admin = TestActors.For((await host.UserAsync("admin@demo.local")).Id, "Ada Admin");
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task MemberChanges_AreRecordedOnTheMerchantChainWithActorOriginAndChange()
    {
        var members = host.Service<MemberAdministration>();
        var added = await members.AddAsync(demoCoffee, admin, "newcomer@example.com", "New Comer", MerchantRole.Viewer);
        await members.ChangeRoleAsync(demoCoffee, admin, added.Value!.MembershipId, MerchantRole.Support);
        await members.SetDisabledAsync(demoCoffee, admin, added.Value.MembershipId, true);
        await members.SetDisabledAsync(demoCoffee, admin, added.Value.MembershipId, false);

        var entries = await EntriesAsync(demoCoffee);
        Assert.Equal([AuditAction.MemberAdded, AuditAction.MemberRoleChanged, AuditAction.MemberDisabled, AuditAction.MemberEnabled],
            entries.Select(e => e.Action));
        Assert.All(entries, e =>
        {
            Assert.Equal(admin.UserId.ToString(), e.ActorId);
            Assert.Equal("Ada Admin", e.ActorName);
            Assert.Equal(TestActors.Origin.IpAddress, e.IpAddress);
            Assert.Equal(TestActors.Origin.UserAgent, e.UserAgent);
            Assert.Equal(("membership", added.Value.MembershipId.ToString()), (e.TargetType, e.TargetId));
            Assert.Equal(AuditOutcome.Success, e.Outcome);
        });
        Assert.Contains("\"from\":\"Viewer\"", entries[1].Details, StringComparison.Ordinal);
        Assert.Contains("\"to\":\"Support\"", entries[1].Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusedMemberChange_LeavesNoEntry()
    {
        var own = await host.MembershipAsync(demoCoffee, "admin@demo.local");

        var result = await host.Service<MemberAdministration>().ChangeRoleAsync(demoCoffee, admin, own.Id, MerchantRole.Viewer);

        Assert.False(result.Succeeded);
        Assert.Empty(await EntriesAsync(demoCoffee));
    }

    [Fact]
    public async Task MerchantLifecycle_IsRecordedOnTheMerchantsOwnChain()
    {
        var merchants = host.Service<MerchantAdministration>();
        var platformAdmin = TestActors.For((await host.UserAsync(DemoData.PlatformAdminEmail)).Id, "Pat Platform");
        var created = await merchants.CreateAsync(platformAdmin, "Audited Shop", "owner@audited.example", "Owner");
        var id = created.Value!.MerchantId;
        await merchants.RenameAsync(platformAdmin, id, "Audited Shop Ltd");
        await merchants.SetStatusAsync(platformAdmin, id, MerchantStatus.Suspended);
        await merchants.SetStatusAsync(platformAdmin, id, MerchantStatus.Active);

        var entries = await EntriesAsync(id);
        Assert.Equal(
            [AuditAction.MerchantCreated, AuditAction.MemberAdded, AuditAction.MerchantRenamed, AuditAction.MerchantSuspended, AuditAction.MerchantReactivated],
            entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(platformAdmin.UserId.ToString(), e.ActorId));
        Assert.Contains("\"to\":\"Audited Shop Ltd\"", entries[2].Details, StringComparison.Ordinal);
        await using var db = host.Context(null);
        Assert.True((await AuditVerifier.VerifyAsync(db, id)).IsIntact);
    }

    [Fact]
    public async Task AccountAdministration_IsRecordedOnThePlatformChain()
    {
        var users = host.Service<UserAdministration>();
        var platformAdmin = TestActors.For((await host.UserAsync(DemoData.PlatformAdminEmail)).Id, "Pat Platform");
        var viewer = await host.UserAsync("viewer@demo.local");
        await users.SetDisabledAsync(platformAdmin, viewer.Id, true);
        await users.SetDisabledAsync(platformAdmin, viewer.Id, false);
        await users.UnlockAsync(platformAdmin, viewer.Id);
        await users.ResetPasswordAsync(platformAdmin, viewer.Id);
        await users.ResetTwoFactorAsync(platformAdmin, viewer.Id);

        var entries = await EntriesAsync(AuditEntry.PlatformChain);
        Assert.Equal(
            [AuditAction.UserDisabled, AuditAction.UserEnabled, AuditAction.UserUnlocked, AuditAction.UserPasswordReset, AuditAction.UserTwoFactorReset],
            entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(("user", viewer.Id.ToString()), (e.TargetType, e.TargetId)));
        // The one-time password is shown to the administrator once; it is never written down.
        Assert.DoesNotContain(entries, e => e.Details.Contains("password\":\"", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task PlatformAdminCreatedFromTheCommandLine_IsRecordedWithASystemActor()
    {
        await host.Service<PlatformAdminBootstrap>().CreateAsync("ops@example.com", "Ops Lead");

        var entry = Assert.Single(await EntriesAsync(AuditEntry.PlatformChain));
        Assert.Equal(AuditAction.PlatformAdminCreated, entry.Action);
        Assert.Equal(AuditActorType.System, entry.ActorType);
        Assert.Contains("ops@example.com", entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OwnPasswordAndTwoFactorChanges_AreRecordedIncludingFailures()
    {
        await using var scope = host.Services.CreateAsyncScope();
        var security = scope.ServiceProvider.GetRequiredService<OwnAccountSecurity>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByEmailAsync("operator@demo.local"))!;
        const string NewPassword = "Another-Passw0rd!";

        Assert.False((await security.ChangePasswordAsync(user, "Wrong-Passw0rd!", NewPassword, TestActors.Origin)).Succeeded);
        Assert.True((await security.ChangePasswordAsync(user, DemoData.Password, NewPassword, TestActors.Origin)).Succeeded);
        await users.ResetAuthenticatorKeyAsync(user);
        Assert.Null(await security.EnableTwoFactorAsync(user, "000000", TestActors.Origin));
        var key = await users.GetAuthenticatorKeyAsync(user);
        Assert.Equal(10, (await security.EnableTwoFactorAsync(user, Totp.Code(key!, DateTimeOffset.UtcNow), TestActors.Origin))!.Count);
        await security.RegenerateRecoveryCodesAsync(user, TestActors.Origin);
        await security.DisableTwoFactorAsync(user, TestActors.Origin);

        var entries = await EntriesAsync(AuditEntry.PlatformChain);
        Assert.Equal(
            [(AuditAction.PasswordChanged, AuditOutcome.Failure), (AuditAction.PasswordChanged, AuditOutcome.Success),
             (AuditAction.TwoFactorEnabled, AuditOutcome.Failure), (AuditAction.TwoFactorEnabled, AuditOutcome.Success),
             (AuditAction.RecoveryCodesRegenerated, AuditOutcome.Success), (AuditAction.TwoFactorDisabled, AuditOutcome.Success)],
            entries.Select(e => (e.Action, e.Outcome)));
        Assert.All(entries, e => Assert.Equal(user.Id.ToString(), e.ActorId));
        Assert.Contains("PasswordMismatch", entries[0].Details, StringComparison.Ordinal);
        Assert.DoesNotContain(entries, e => e.Details.Contains("Passw0rd", StringComparison.Ordinal));
    }

    private async Task<List<AuditEntry>> EntriesAsync(Guid chain)
    {
        await using var db = host.Context(null);
        return await db.AuditEntries.IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.MerchantId == chain)
            .OrderBy(e => e.Sequence)
            .ToListAsync();
    }
}
