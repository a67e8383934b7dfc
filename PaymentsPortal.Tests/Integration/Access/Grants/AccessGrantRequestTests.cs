using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Access.Grants;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Access.Grants;

/// <summary>The rules a member's request must pass, and what a request and its cancellation record.</summary>
[Trait("Tier", "Integration")]
public sealed class AccessGrantRequestTests : IAsyncLifetime
{
    private CoreHost host = default!;
    private AccessGrantRequests requests = default!;
    private Guid demoCoffee;

    public async Task InitializeAsync()
    {
        host = await CoreHost.StartAsync();
        requests = host.Service<AccessGrantRequests>();
        demoCoffee = await host.MerchantIdAsync(DemoData.DemoCoffee);
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task RequestAsync_ActiveViewer_StoresPendingRequestAndAuditsItWithJustification()
    {
        var viewer = await host.ActorAsync("viewer@demo.local");

        var result = await requests.RequestAsync(demoCoffee, viewer, MerchantRole.Compliance, TimeSpan.FromMinutes(30), "  " + GrantSteps.Justification + " ");

        Assert.True(result.Succeeded, result.Error);
        var grant = await GrantSteps.GrantRowAsync(host.Database.AppConnectionString, demoCoffee, result.Value);
        Assert.Equal(AccessGrantStatus.Requested, grant.Status);
        Assert.Equal((MerchantRole.Viewer, MerchantRole.Compliance, 30), (grant.StandingRole, grant.Role, grant.DurationMinutes));
        Assert.Equal(GrantSteps.Justification, grant.Justification);
        Assert.Null(grant.ExpiresAt);
        var entry = Assert.Single(await GrantSteps.GrantAuditAsync(host.Database.AppConnectionString, demoCoffee, result.Value));
        Assert.Equal((AuditAction.AccessGrantRequested, AuditOutcome.Success), (entry.Action, entry.Outcome));
        Assert.Equal((viewer.UserId.ToString(), "Vic Viewer"), (entry.ActorId, entry.ActorName));
        Assert.Equal((GrantSteps.Origin.IpAddress, GrantSteps.Origin.UserAgent), (entry.IpAddress, entry.UserAgent));
        Assert.Equal(GrantSteps.Justification, entry.Reason);
        Assert.Contains("\"role\":\"Compliance\"", entry.Details, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("compliance@demo.local", MerchantRole.Support)]
    [InlineData("compliance@demo.local", MerchantRole.Compliance)]
    [InlineData("operator@demo.local", MerchantRole.Viewer)]
    [InlineData("admin@demo.local", MerchantRole.Admin)]
    public async Task RequestAsync_RoleNotAboveTheMembership_IsRefused(string email, MerchantRole role)
    {
        var result = await requests.RequestAsync(demoCoffee, await host.ActorAsync(email), role, TimeSpan.FromHours(1), GrantSteps.Justification);

        Assert.False(result.Succeeded);
        Assert.Contains("ask for a higher role", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(14)]
    [InlineData(481)]
    [InlineData(0)]
    public async Task RequestAsync_DurationOutsideQuarterHourToEightHours_IsRefused(int minutes)
    {
        var result = await requests.RequestAsync(demoCoffee, await host.ActorAsync("viewer@demo.local"), MerchantRole.Operator,
            TimeSpan.FromMinutes(minutes), GrantSteps.Justification);

        Assert.False(result.Succeeded);
        Assert.Contains("between 15 minutes and 8 hours", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(15)]
    [InlineData(480)]
    public async Task RequestAsync_DurationAtTheLimits_IsAccepted(int minutes)
    {
        var result = await requests.RequestAsync(demoCoffee, await host.ActorAsync("viewer@demo.local"), MerchantRole.Operator,
            TimeSpan.FromMinutes(minutes), GrantSteps.Justification);

        Assert.True(result.Succeeded, result.Error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("need it")]
    [InlineData("                         x")]
    public async Task RequestAsync_MissingOrShortJustification_IsRefused(string? justification)
    {
        var result = await requests.RequestAsync(demoCoffee, await host.ActorAsync("viewer@demo.local"), MerchantRole.Operator,
            TimeSpan.FromHours(1), justification);

        Assert.False(result.Succeeded);
        Assert.Contains("Explain why", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestAsync_SecondWhileOneIsPending_IsRefused()
    {
        var viewer = await host.ActorAsync("viewer@demo.local");
        Assert.True((await requests.RequestAsync(demoCoffee, viewer, MerchantRole.Operator, TimeSpan.FromHours(1), GrantSteps.Justification)).Succeeded);

        var second = await requests.RequestAsync(demoCoffee, viewer, MerchantRole.Admin, TimeSpan.FromHours(1), GrantSteps.Justification);

        Assert.False(second.Succeeded);
        Assert.Contains("already have a request waiting", second.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestAsync_TwoAtOnceForTheSameMember_ExactlyOneIsStored()
    {
        var viewer = await host.ActorAsync("viewer@demo.local");

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            requests.RequestAsync(demoCoffee, viewer, MerchantRole.Operator, TimeSpan.FromHours(1), GrantSteps.Justification))));

        Assert.Single(results, r => r.Succeeded);
        var mine = await host.Service<AccessGrantQueries>().ListMineAsync(demoCoffee, viewer.UserId);
        Assert.Single(mine);
    }

    [Fact]
    public async Task RequestAsync_NotAMemberOfTheMerchant_IsRefused()
    {
        var nora = await host.ActorAsync("admin@northwind.local");

        var result = await requests.RequestAsync(demoCoffee, nora, MerchantRole.Viewer, TimeSpan.FromHours(1), GrantSteps.Justification);

        Assert.False(result.Succeeded);
        Assert.Contains("active member", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestAsync_DisabledMember_IsRefused()
    {
        var viewer = await host.MembershipAsync(demoCoffee, "viewer@demo.local");
        await using (var db = host.Context(demoCoffee))
        {
            await db.Memberships.Where(m => m.Id == viewer.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.IsDisabled, true));
        }

        var result = await requests.RequestAsync(demoCoffee, await host.ActorAsync("viewer@demo.local"), MerchantRole.Operator,
            TimeSpan.FromHours(1), GrantSteps.Justification);

        Assert.False(result.Succeeded);
        Assert.Contains("active member", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelAsync_OwnPendingRequest_CancelsAuditsAndAllowsANewOne()
    {
        var viewer = await host.ActorAsync("viewer@demo.local");
        var id = (await requests.RequestAsync(demoCoffee, viewer, MerchantRole.Operator, TimeSpan.FromHours(1), GrantSteps.Justification)).Value;

        var canceled = await requests.CancelAsync(demoCoffee, viewer, id);

        Assert.True(canceled.Succeeded, canceled.Error);
        var grant = await GrantSteps.GrantRowAsync(host.Database.AppConnectionString, demoCoffee, id);
        Assert.Equal((AccessGrantStatus.Canceled, viewer.UserId), (grant.Status, grant.EndedBy));
        Assert.Equal([AuditAction.AccessGrantRequested, AuditAction.AccessGrantCanceled],
            (await GrantSteps.GrantAuditAsync(host.Database.AppConnectionString, demoCoffee, id)).Select(e => e.Action));
        Assert.True((await requests.RequestAsync(demoCoffee, viewer, MerchantRole.Support, TimeSpan.FromHours(1), GrantSteps.Justification)).Succeeded);
        Assert.False((await requests.CancelAsync(demoCoffee, viewer, id)).Succeeded);
    }

    [Fact]
    public async Task CancelAsync_SomeoneElsesRequest_IsNotFound()
    {
        var id = (await requests.RequestAsync(demoCoffee, await host.ActorAsync("viewer@demo.local"), MerchantRole.Operator,
            TimeSpan.FromHours(1), GrantSteps.Justification)).Value;

        var result = await requests.CancelAsync(demoCoffee, await host.ActorAsync("admin@demo.local"), id);

        Assert.False(result.Succeeded);
        Assert.Equal(AccessGrantStatus.Requested, (await GrantSteps.GrantRowAsync(host.Database.AppConnectionString, demoCoffee, id)).Status);
    }
}
