using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Access.Grants;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Access.Grants;

/// <summary>Who may decide, what a decision changes in the member's access, and what it records.</summary>
[Trait("Tier", "Integration")]
public sealed class AccessGrantDecisionTests : IAsyncLifetime
{
    private readonly ManualClock clock = new();
    private CoreHost host = default!;
    private AccessGrantRequests requests = default!;
    private AccessGrantDecisions decisions = default!;
    private Guid demoCoffee;
    private ActingUser admin = default!;
    private ActingUser viewer = default!;

    public async Task InitializeAsync()
    {
        host = await CoreHost.StartAsync(clock: clock);
        requests = host.Service<AccessGrantRequests>();
        decisions = host.Service<AccessGrantDecisions>();
        demoCoffee = await host.MerchantIdAsync(DemoData.DemoCoffee);
        admin = await host.ActorAsync("admin@demo.local");
        viewer = await host.ActorAsync("viewer@demo.local");
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task ApproveAsync_ByAdmin_GivesTheRoleFromApprovalForItsDurationThenNothing()
    {
        var id = await RequestAsync(viewer, MerchantRole.Compliance, TimeSpan.FromMinutes(30));
        clock.Advance(TimeSpan.FromMinutes(10)); // the grant runs from approval, not from the request

        var approved = await decisions.ApproveAsync(demoCoffee, admin, id, "  ticket checked ");

        Assert.True(approved.Succeeded, approved.Error);
        var grant = await GrantSteps.GrantRowAsync(host.Database.AppConnectionString, demoCoffee, id);
        Assert.Equal((AccessGrantStatus.Approved, admin.UserId, "ticket checked"), (grant.Status, grant.DecidedBy, grant.DecisionReason));
        Assert.Equal(clock.GetUtcNow().AddMinutes(30).UtcTicks / 10, grant.ExpiresAt!.Value.UtcTicks / 10);

        var access = await host.ResolveAsync("viewer@demo.local");
        Assert.Equal(MerchantRole.Compliance, access.Current!.Role);
        Assert.Equal(new TemporaryElevation(MerchantRole.Viewer, grant.ExpiresAt!.Value), access.Current.Elevation);
        Assert.True(access.Has(Permission.MembersView));
        Assert.Equal(grant.ExpiresAt, access.NextElevationEnd);

        clock.Advance(TimeSpan.FromMinutes(30));
        var after = await host.ResolveAsync("viewer@demo.local");
        // Ended at its time even though no sweep has recorded it yet.
        Assert.Equal(AccessGrantStatus.Approved, (await GrantSteps.GrantRowAsync(host.Database.AppConnectionString, demoCoffee, id)).Status);
        Assert.Equal((MerchantRole.Viewer, null), (after.Current!.Role, after.Current.Elevation));
        Assert.False(after.Has(Permission.MembersView));
    }

    [Fact]
    public async Task ApproveAsync_ByNonAdmin_IsRefusedAndTheAttemptIsAudited()
    {
        var id = await RequestAsync(viewer, MerchantRole.Operator);

        var result = await decisions.ApproveAsync(demoCoffee, await host.ActorAsync("compliance@demo.local"), id, null);

        Assert.False(result.Succeeded);
        Assert.Equal(AccessGrantStatus.Requested, (await GrantSteps.GrantRowAsync(host.Database.AppConnectionString, demoCoffee, id)).Status);
        var entries = await GrantSteps.GrantAuditAsync(host.Database.AppConnectionString, demoCoffee, id);
        Assert.Equal([(AuditAction.AccessGrantRequested, AuditOutcome.Success), (AuditAction.AccessGrantApproved, AuditOutcome.Denied)],
            entries.Select(e => (e.Action, e.Outcome)));
        Assert.Equal("Cora Compliance", entries[1].ActorName);
    }

    [Fact]
    public async Task ApproveAsync_OwnRequest_IsRefused()
    {
        var id = await RequestAsync(viewer, MerchantRole.Operator);

        var result = await decisions.ApproveAsync(demoCoffee, viewer, id, null);

        Assert.False(result.Succeeded);
        Assert.Contains("your own", result.Error, StringComparison.Ordinal);
        Assert.Equal(AccessGrantStatus.Requested, (await GrantSteps.GrantRowAsync(host.Database.AppConnectionString, demoCoffee, id)).Status);
    }

    [Fact]
    public async Task ApproveAsync_ByAdminWhoseAdminRoleIsTemporary_IsRefused()
    {
        var operatorActor = await host.ActorAsync("operator@demo.local");
        await GrantSteps.GrantAsync(requests, decisions, demoCoffee, operatorActor, admin, MerchantRole.Admin);
        Assert.Equal(MerchantRole.Admin, (await host.ResolveAsync("operator@demo.local")).Current!.Role);
        var id = await RequestAsync(viewer, MerchantRole.Support);

        var result = await decisions.ApproveAsync(demoCoffee, operatorActor, id, null);

        Assert.False(result.Succeeded);
        Assert.Contains("by membership", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApproveAsync_AdminOfAnotherMerchant_DoesNotFindTheRequest()
    {
        var id = await RequestAsync(viewer, MerchantRole.Operator);
        var northwind = await host.MerchantIdAsync(DemoData.Northwind);

        var asOwnMerchant = await decisions.ApproveAsync(northwind, await host.ActorAsync("admin@northwind.local"), id, null);
        var asThisMerchant = await decisions.ApproveAsync(demoCoffee, await host.ActorAsync("admin@northwind.local"), id, null);

        Assert.False(asOwnMerchant.Succeeded);
        Assert.Contains("not found", asOwnMerchant.Error, StringComparison.Ordinal);
        Assert.False(asThisMerchant.Succeeded);
        Assert.Equal(AccessGrantStatus.Requested, (await GrantSteps.GrantRowAsync(host.Database.AppConnectionString, demoCoffee, id)).Status);
    }

    [Fact]
    public async Task ApproveAsync_TwoAdminsAtOnce_ExactlyOneApprovalIsRecorded()
    {
        await host.AddMembershipAsync(demoCoffee, "admin@northwind.local", MerchantRole.Admin);
        var nora = await host.ActorAsync("admin@northwind.local");
        var id = await RequestAsync(viewer, MerchantRole.Operator);

        var results = await Task.WhenAll(
            Task.Run(() => decisions.ApproveAsync(demoCoffee, admin, id, "first")),
            Task.Run(() => decisions.ApproveAsync(demoCoffee, nora, id, "second")));

        Assert.Single(results, r => r.Succeeded);
        Assert.Contains("already decided", results.Single(r => !r.Succeeded).Error, StringComparison.Ordinal);
        var grant = await GrantSteps.GrantRowAsync(host.Database.AppConnectionString, demoCoffee, id);
        var winner = results[0].Succeeded ? admin : nora;
        Assert.Equal(winner.UserId, grant.DecidedBy);
        var approvals = (await GrantSteps.GrantAuditAsync(host.Database.AppConnectionString, demoCoffee, id))
            .Where(e => e.Action == AuditAction.AccessGrantApproved).ToList();
        Assert.Equal(winner.UserId.ToString(), Assert.Single(approvals).ActorId);
    }

    [Fact]
    public async Task ApproveAsync_ApproveAndDenyAtOnce_OnlyOneDecisionHolds()
    {
        await host.AddMembershipAsync(demoCoffee, "admin@northwind.local", MerchantRole.Admin);
        var nora = await host.ActorAsync("admin@northwind.local");
        var id = await RequestAsync(viewer, MerchantRole.Operator);

        var results = await Task.WhenAll(
            Task.Run(() => decisions.ApproveAsync(demoCoffee, admin, id, null)),
            Task.Run(() => decisions.DenyAsync(demoCoffee, nora, id, "not needed")));

        Assert.Single(results, r => r.Succeeded);
        var decided = (await GrantSteps.GrantAuditAsync(host.Database.AppConnectionString, demoCoffee, id))
            .Where(e => e.Action is AuditAction.AccessGrantApproved or AuditAction.AccessGrantDenied);
        Assert.Single(decided);
    }

    [Fact]
    public async Task DenyAsync_WithoutReason_IsRefused_WithReason_DeniesAndRecordsIt()
    {
        var id = await RequestAsync(viewer, MerchantRole.Operator);

        var withoutReason = await decisions.DenyAsync(demoCoffee, admin, id, "   ");
        var denied = await decisions.DenyAsync(demoCoffee, admin, id, "Ask your team lead first");
        var approveAfter = await decisions.ApproveAsync(demoCoffee, admin, id, null);

        Assert.False(withoutReason.Succeeded);
        Assert.True(denied.Succeeded, denied.Error);
        Assert.False(approveAfter.Succeeded);
        var grant = await GrantSteps.GrantRowAsync(host.Database.AppConnectionString, demoCoffee, id);
        Assert.Equal((AccessGrantStatus.Denied, "Ask your team lead first"), (grant.Status, grant.DecisionReason));
        var entry = (await GrantSteps.GrantAuditAsync(host.Database.AppConnectionString, demoCoffee, id))[^1];
        Assert.Equal((AuditAction.AccessGrantDenied, "Ask your team lead first", "Ada Admin"), (entry.Action, entry.Reason, entry.ActorName));
        Assert.Equal(MerchantRole.Viewer, (await host.ResolveAsync("viewer@demo.local")).Current!.Role);
    }

    [Fact]
    public async Task RevokeAsync_GrantInForce_EndsItAtOnceAndRecordsWhoAndWhy()
    {
        var id = await GrantSteps.GrantAsync(requests, decisions, demoCoffee, viewer, admin, MerchantRole.Compliance);
        Assert.Equal(MerchantRole.Compliance, (await host.ResolveAsync("viewer@demo.local")).Current!.Role);

        var revoked = await decisions.RevokeAsync(demoCoffee, admin, id, "Investigation closed");

        Assert.True(revoked.Succeeded, revoked.Error);
        Assert.Equal(MerchantRole.Viewer, (await host.ResolveAsync("viewer@demo.local")).Current!.Role);
        var grant = await GrantSteps.GrantRowAsync(host.Database.AppConnectionString, demoCoffee, id);
        Assert.Equal((AccessGrantStatus.Revoked, admin.UserId, "Investigation closed"), (grant.Status, grant.EndedBy, grant.EndReason));
        Assert.False((await decisions.RevokeAsync(demoCoffee, admin, id, "again")).Succeeded);
        Assert.Equal(
            [AuditAction.AccessGrantRequested, AuditAction.AccessGrantApproved, AuditAction.AccessGrantRevoked],
            (await GrantSteps.GrantAuditAsync(host.Database.AppConnectionString, demoCoffee, id)).Select(e => e.Action));
    }

    [Fact]
    public async Task CancelAsync_GrantInForce_RequesterGivesItUpEarly()
    {
        var id = await GrantSteps.GrantAsync(requests, decisions, demoCoffee, viewer, admin, MerchantRole.Operator);

        var result = await requests.CancelAsync(demoCoffee, viewer, id);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(MerchantRole.Viewer, (await host.ResolveAsync("viewer@demo.local")).Current!.Role);
    }

    [Fact]
    public async Task ApproveAsync_RequesterDisabledMeanwhile_IsRefused()
    {
        var id = await RequestAsync(viewer, MerchantRole.Operator);
        await using (var db = host.Context(demoCoffee))
        {
            await db.Memberships.Where(m => m.UserId == viewer.UserId).ExecuteUpdateAsync(s => s.SetProperty(m => m.IsDisabled, true));
        }

        var result = await decisions.ApproveAsync(demoCoffee, admin, id, null);

        Assert.False(result.Succeeded);
        Assert.Contains("no longer an active member", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryStep_LeavesTheMerchantsChainIntact()
    {
        var id = await GrantSteps.GrantAsync(requests, decisions, demoCoffee, viewer, admin, MerchantRole.Compliance);
        await decisions.RevokeAsync(demoCoffee, admin, id, "done");
        await decisions.ApproveAsync(demoCoffee, viewer, id, null);

        await using var db = host.Context(demoCoffee);
        var verification = await AuditVerifier.VerifyAsync(db, demoCoffee);

        Assert.True(verification.IsIntact, verification.Problem);
        Assert.Equal(4, verification.VerifiedEntries);
    }

    private async Task<Guid> RequestAsync(ActingUser member, MerchantRole role, TimeSpan? duration = null)
    {
        var result = await requests.RequestAsync(demoCoffee, member, role, duration ?? TimeSpan.FromHours(1), GrantSteps.Justification);
        Assert.True(result.Succeeded, result.Error);
        return result.Value;
    }
}
