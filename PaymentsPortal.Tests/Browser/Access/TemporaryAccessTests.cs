using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Npgsql;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Access.Grants;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Browser.Access;

[Collection(BrowserCollection.Name)]
[Trait("Tier", "Browser")]
public sealed class TemporaryAccessTests(BrowserFixture browser, TemporaryAccessFixture fixture) : IClassFixture<TemporaryAccessFixture>
{
    // Several re-check intervals of the fixture (2 s): generous for a loaded 2-core machine, far below the minute promised.
    private static readonly LocatorAssertionsToHaveCountOptions WithinRecheck = new() { Timeout = 20_000 };
    private static readonly LocatorAssertionsToBeVisibleOptions VisibleWithinRecheck = new() { Timeout = 20_000 };

    [Fact]
    public async Task RequestApproveRevoke_ThroughThePages_ReachTheRequestersOpenSessionWithoutReload()
    {
        var viewer = await browser.NewPageAsync(fixture);
        await viewer.SignInAsync("viewer@demo.local");
        await viewer.RequestAccessAsync("Compliance", GrantSteps.Justification);
        await Assertions.Expect(viewer.Locator("[data-test=pending-request]")).ToContainTextAsync("Compliance");
        await viewer.MarkDocumentAsync();
        await Assertions.Expect(viewer.Nav("nav-members")).ToHaveCountAsync(0);

        var admin = await browser.NewPageAsync(fixture);
        await admin.SignInAsync("admin@demo.local");
        await admin.GotoAsync("/access/grants");
        await admin.WaitForInteractiveAsync();
        await Assertions.Expect(admin.Locator("[data-test=pending-grants]")).ToContainTextAsync(GrantSteps.Justification);
        await admin.ClickAsync("[data-test=approve-grant][data-email='viewer@demo.local']");
        await admin.ClickAsync("[data-test=decision-confirm]");
        // Approving is sensitive: the admin must give the password again, and a wrong one is refused.
        await admin.StepUpAsync("Wrong-Passw0rd!");
        await Assertions.Expect(admin.Locator("[data-test=step-up-error]")).ToContainTextAsync("not correct");
        await admin.StepUpAsync(DemoData.Password);
        await Assertions.Expect(admin.Locator("[data-test=step-up-dialog]")).ToHaveCountAsync(0);
        await Assertions.Expect(admin.Locator("[data-test=active-grants]")).ToContainTextAsync("Vic Viewer");
        await Assertions.Expect(admin.Locator("[data-test=no-pending]")).ToBeVisibleAsync();

        // The viewer's open page picks the role up by itself.
        await Assertions.Expect(viewer.Nav("nav-members")).ToHaveCountAsync(1, WithinRecheck);
        await Assertions.Expect(viewer.Locator("[data-test=elevation-chip]")).ToContainTextAsync("Compliance");
        await Assertions.Expect(viewer.Locator("[data-test=active-grant]")).ToContainTextAsync("Compliance");
        Assert.True(await viewer.IsSameDocumentAsync());
        await viewer.Nav("nav-members").ClickAsync();
        await Assertions.Expect(viewer.Locator("[data-test=members-table]")).ToBeVisibleAsync();

        await admin.ClickAsync("[data-test=revoke-grant][data-email='viewer@demo.local']");
        await admin.FillAsync("[data-test=decision-reason]", "Investigation closed");
        await admin.ClickAsync("[data-test=decision-confirm]");
        await Assertions.Expect(admin.Locator("[data-test=no-active]")).ToBeVisibleAsync();
        await Assertions.Expect(admin.Locator("[data-test=grant-history]")).ToContainTextAsync("Investigation closed");

        // Revoked: the members page in view turns the viewer away, and the menu loses it, still without a reload.
        await Assertions.Expect(viewer.Locator("[data-test=access-denied]")).ToBeVisibleAsync(VisibleWithinRecheck);
        await Assertions.Expect(viewer.Nav("nav-members")).ToHaveCountAsync(0);
        await Assertions.Expect(viewer.Locator("[data-test=elevation-chip]")).ToHaveCountAsync(0);
        Assert.True(await viewer.IsSameDocumentAsync());

        var merchant = await fixture.App.MerchantIdAsync(DemoData.DemoCoffee);
        var grant = Assert.Single(await fixture.App.Service<AccessGrantQueries>().ListMineAsync(merchant, (await fixture.App.ActorAsync("viewer@demo.local")).UserId));
        Assert.Equal(
            [AuditAction.AccessGrantRequested, AuditAction.AccessGrantApproved, AuditAction.AccessGrantRevoked],
            (await GrantSteps.GrantAuditAsync(fixture.Database.AppConnectionString, merchant, grant.Id)).Select(e => e.Action));
        await viewer.Context.CloseAsync();
        await admin.Context.CloseAsync();
    }

    [Fact]
    public async Task ExpiredGrant_InAnOpenSession_LosesTheElevatedPageAndMenuWithoutReload_AndTheSweepRecordsIt()
    {
        var merchant = await fixture.App.MerchantIdAsync(DemoData.DemoCoffee);
        var member = await fixture.App.ActorAsync("operator@demo.local");
        var grantId = await GrantSteps.GrantAsync(fixture.App.Service<AccessGrantRequests>(), fixture.App.Service<AccessGrantDecisions>(),
            merchant, member, await fixture.App.ActorAsync("admin@demo.local"), MerchantRole.Compliance, TimeSpan.FromMinutes(15));
        var expiryRecorded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChange(AccessGrantChange change)
        {
            if (change.GrantId == grantId && change.Status == AccessGrantStatus.Expired)
            {
                expiryRecorded.TrySetResult();
            }
        }

        var page = await browser.NewPageAsync(fixture);
        await page.SignInAsync("operator@demo.local");
        await Assertions.Expect(page.Locator("[data-test=elevation-chip]")).ToContainTextAsync("Compliance");
        await page.Nav("nav-members").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=members-table]")).ToBeVisibleAsync();
        await page.MarkDocumentAsync();

        // Fifteen minutes pass in a few seconds: the grant is moved to end shortly, as if it had been running all along.
        fixture.App.Service<AccessGrantEvents>().Changed += OnChange;
        try
        {
            await ExpireSoonAsync(grantId);

            await Assertions.Expect(page.Locator("[data-test=access-denied]")).ToBeVisibleAsync(VisibleWithinRecheck);
            await Assertions.Expect(page.Nav("nav-members")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("[data-test=elevation-chip]")).ToHaveCountAsync(0);
            Assert.True(await page.IsSameDocumentAsync());

            await expiryRecorded.Task.WaitAsync(TimeSpan.FromSeconds(20));
        }
        finally
        {
            fixture.App.Service<AccessGrantEvents>().Changed -= OnChange;
        }

        var entries = await GrantSteps.GrantAuditAsync(fixture.Database.AppConnectionString, merchant, grantId);
        var expired = Assert.Single(entries, e => e.Action == AuditAction.AccessGrantExpired);
        Assert.Equal(AuditActorType.System, expired.ActorType);
        Assert.Equal(AccessGrantStatus.Expired, (await GrantSteps.GrantRowAsync(fixture.Database.AppConnectionString, merchant, grantId)).Status);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ChangeRole_OnMembersPage_AsksForStepUpOnceRefusesAWrongPasswordAndNotAgainWithinFiveMinutes()
    {
        var merchant = await fixture.App.MerchantIdAsync(DemoData.DemoCoffee);
        var page = await browser.NewPageAsync(fixture);
        await page.SignInAsync("admin@demo.local");
        await page.GotoAsync("/members");
        await page.WaitForInteractiveAsync();

        await ChooseRoleAsync(page, "support@demo.local", "Operator");
        await page.StepUpAsync("Wrong-Passw0rd!");
        await Assertions.Expect(page.Locator("[data-test=step-up-error]")).ToBeVisibleAsync();
        Assert.Equal(MerchantRole.Support, (await fixture.App.MemberAsync(merchant, "support@demo.local")).Role);
        await page.StepUpAsync(DemoData.Password);
        await Assertions.Expect(page.GetByText("support@demo.local is now Operator.")).ToBeVisibleAsync();
        Assert.Equal(MerchantRole.Operator, (await fixture.App.MemberAsync(merchant, "support@demo.local")).Role);

        // Within the window: no question, in this page and after a reload (same sign-in session, new circuit).
        await ChooseRoleAsync(page, "support@demo.local", "Viewer");
        await Assertions.Expect(page.GetByText("support@demo.local is now Viewer.")).ToBeVisibleAsync();
        await page.GotoAsync("/members");
        await page.WaitForInteractiveAsync();
        await ChooseRoleAsync(page, "support@demo.local", "Support");
        await Assertions.Expect(page.GetByText("support@demo.local is now Support.")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-test=step-up-dialog]")).ToHaveCountAsync(0);

        var admin = await fixture.App.ActorAsync("admin@demo.local");
        await using var db = CoreHost.CreateContext(fixture.Database.AppConnectionString, PaymentsPortal.Core.Tenancy.FixedTenantScope.None);
        var id = admin.UserId.ToString();
        var stepUps = await db.AuditEntries.IgnoreQueryFilters()
            .Where(e => e.MerchantId == AuditEntry.PlatformChain && e.ActorId == id
                && (e.Action == AuditAction.StepUpSucceeded || e.Action == AuditAction.StepUpFailed))
            .OrderBy(e => e.Sequence)
            .Select(e => e.Action)
            .ToListAsync();
        Assert.Equal([AuditAction.StepUpFailed, AuditAction.StepUpSucceeded], stepUps);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task DenyAndCancel_ThroughThePages_ReachBothOpenPagesWithTheReason()
    {
        var member = await browser.NewPageAsync(fixture);
        await member.SignInAsync("compliance@demo.local");
        await member.RequestAccessAsync("Admin", GrantSteps.Justification);
        await Assertions.Expect(member.Locator("[data-test=pending-request]")).ToContainTextAsync("Admin");

        var admin = await browser.NewPageAsync(fixture);
        await admin.SignInAsync("admin@demo.local");
        await admin.GotoAsync("/access/grants");
        await admin.WaitForInteractiveAsync();
        await admin.ClickAsync("[data-test=deny-grant][data-email='compliance@demo.local']");
        await Assertions.Expect(admin.Locator("[data-test=decision-justification]")).ToHaveTextAsync(GrantSteps.Justification);
        await admin.ClickAsync("[data-test=decision-confirm]");
        await Assertions.Expect(admin.Locator("[data-test=decision-reason-missing]")).ToBeVisibleAsync();
        await admin.FillAsync("[data-test=decision-reason]", "Ask for Admin only during the audit week");
        await admin.ClickAsync("[data-test=decision-confirm]");
        await Assertions.Expect(admin.Locator("[data-test=grant-history]")).ToContainTextAsync("Ask for Admin only during the audit week");
        // Denying takes nothing away, so it needs no step-up.
        await Assertions.Expect(admin.Locator("[data-test=step-up-dialog]")).ToHaveCountAsync(0);

        // The member's open page shows the decision and offers the form again.
        await Assertions.Expect(member.Locator("[data-test=my-grants]")).ToContainTextAsync("Ask for Admin only during the audit week");
        await Assertions.Expect(member.Locator("[data-test=my-grants] [data-test=grant-status]")).ToHaveTextAsync("Denied");
        await Assertions.Expect(member.Locator("[data-test=request-submit]")).ToBeVisibleAsync();

        await member.RequestAccessAsync("Admin", GrantSteps.Justification + " again");
        await member.ClickAsync("[data-test=cancel-request]");
        await Assertions.Expect(member.Locator("[data-test=request-submit]")).ToBeVisibleAsync();
        await Assertions.Expect(member.Locator("[data-test=my-grants] [data-test=grant-status]")).ToHaveTextAsync(["Canceled", "Denied"]);
        await Assertions.Expect(admin.Locator("[data-test=grant-history] [data-test=grant-status]").First).ToHaveTextAsync("Canceled");
        await Assertions.Expect(admin.Locator("[data-test=no-pending]")).ToBeVisibleAsync();
        await member.Context.CloseAsync();
        await admin.Context.CloseAsync();
    }

    private static async Task ChooseRoleAsync(IPage page, string email, string role)
    {
        var row = page.Locator("tr", new() { Has = page.Locator("[data-test=member-email]", new() { HasTextString = email }) });
        await row.Locator("[data-test=member-role]").Filter(new() { Visible = true }).ClickAsync();
        await page.ClickAsync($"[data-test=member-role-option][data-role={role}]");
    }

    private async Task ExpireSoonAsync(Guid grantId)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.AppConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "UPDATE access_grants SET expires_at = now() + interval '3 seconds' WHERE id = @id AND status = 'Approved'", connection);
        command.Parameters.AddWithValue("id", grantId);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
