using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Npgsql;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Audit.Checkpoints;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Members;
using PaymentsPortal.Core.Merchants;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Tests.Browser.Access;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Browser.Audit;

[Collection(BrowserCollection.Name)]
[Trait("Tier", "Browser")]
public sealed class AuditWorkspaceTests(BrowserFixture browser, PortalAppFixture fixture) : IClassFixture<PortalAppFixture>
{
    [Fact]
    public async Task Compliance_SearchesOpensAnEntryAndFollowsItsTargetsHistory()
    {
        var (merchant, membership) = await AddMemberAndChangeRoleAsync(DemoData.DemoCoffee, "admin@demo.local");
        var page = await browser.NewPageAsync(fixture.App.BaseAddress);
        await page.SignInAsync("compliance@demo.local");

        await page.ClickAsync("[data-test=nav-audit]");
        await Assertions.Expect(page.Locator("[data-test=audit-action]").Filter(new() { HasText = "MemberRoleChanged" }).First).ToBeVisibleAsync();
        await page.FillAsync("[data-test=audit-text]", membership.ToString());
        await page.ClickAsync("[data-test=audit-apply]");
        // Client-side navigation: the URL changes without a load event, so poll the URL rather than wait for a navigation.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("q=" + membership));
        // The search is itself recorded before it runs, and its criteria match what it searched for.
        await Assertions.Expect(page.Locator("[data-test=audit-action]")).ToHaveTextAsync(["AuditViewed", "MemberRoleChanged", "MemberAdded"]);

        await page.Locator("[data-test=audit-entry-link]").Nth(1).ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=audit-entry-action]")).ToContainTextAsync("MemberRoleChanged (5001");
        // Its content, its link back, and the next entry's link to it (the search's own record came after it).
        await Assertions.Expect(page.Locator("[data-test=audit-link-check][data-ok=true]")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("[data-test=audit-link-check][data-ok=false]")).ToHaveCountAsync(0);

        await page.ClickAsync("[data-test=audit-entry-history]");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("targetId=" + membership));
        await Assertions.Expect(page.Locator("[data-test=audit-history-of]")).ToContainTextAsync(membership.ToString());
        await Assertions.Expect(page.Locator("[data-test=audit-action]")).ToHaveTextAsync(["MemberRoleChanged", "MemberAdded"]);

        var accesses = await EntriesAsync(merchant, e => e.ActorName == "Cora Compliance");
        Assert.Contains(accesses, e => e.Action == AuditAction.AuditViewed && e.TargetType == "audit_trail"
            && e.Details.Contains(membership.ToString(), StringComparison.Ordinal));
        Assert.Contains(accesses, e => e.Action == AuditAction.AuditViewed && e.TargetType == "audit_entry");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Compliance_VerifiesAnIntactChain_AndSeesATamperedEntryNamed()
    {
        // Northwind's chain, so that the tampering does not disturb the other tests' Demo Coffee chain.
        var (merchant, _) = await AddMemberAndChangeRoleAsync(DemoData.Northwind, "admin@northwind.local");
        var page = await browser.NewPageAsync(fixture.App.BaseAddress);
        await page.SignInAsync("admin@northwind.local");
        await page.GotoAsync("/audit");
        await page.WaitForInteractiveAsync();

        await page.ClickAsync("[data-test=audit-verify]");
        await Assertions.Expect(page.Locator("[data-test=audit-verdict]")).ToHaveAttributeAsync("data-intact", "true");

        var tampered = await TamperWithFirstEntryAsync(merchant);
        await page.ClickAsync("[data-test=audit-verify]");
        await Assertions.Expect(page.Locator("[data-test=audit-verdict]")).ToHaveAttributeAsync("data-intact", "false");
        await Assertions.Expect(page.Locator("[data-test=audit-verdict]")).ToContainTextAsync($"Broken at entry #{tampered}");

        var verifications = await EntriesAsync(merchant, e => e.Action == AuditAction.AuditVerified);
        Assert.Equal([AuditOutcome.Success, AuditOutcome.Failure], verifications.Select(e => e.Outcome));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Compliance_ExportsCsvAndJson_WithHashesAnAuditorCanRecompute()
    {
        var (merchant, _) = await AddMemberAndChangeRoleAsync(DemoData.DemoCoffee, "admin@demo.local");
        await fixture.App.Service<AuditCheckpoints>().CreateAsync();
        var page = await browser.NewPageAsync(fixture.App.BaseAddress);
        await page.SignInAsync("compliance@demo.local");
        await page.GotoAsync("/audit");
        await page.WaitForInteractiveAsync();

        var csv = await DownloadAsync(page, "[data-test=audit-export-csv]", stepUp: true);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("sequence,id,occurred_at,actor_type", lines[0].TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("MemberRoleChanged", StringComparison.Ordinal));

        var json = JsonDocument.Parse(await DownloadAsync(page, "[data-test=audit-export-json]")).RootElement;
        Assert.Equal("paymentsportal-audit-export/1", json.GetProperty("format").GetString());
        var entries = json.GetProperty("entries").EnumerateArray().ToList();
        Assert.NotEmpty(entries);
        Assert.All(entries, e => Assert.Equal(e.GetProperty("hash").GetString(), Convert.ToHexStringLower(AuditHasher.Compute(FromJson(e),
            Convert.FromHexString(e.GetProperty("previous_hash").GetString()!)))));
        // The signed checkpoint travels with the export, and the entry it pins is in the file with the same hash.
        var proof = CheckpointProof.FromJson(json.GetProperty("checkpoint").GetRawText());
        Assert.True(CheckpointProofVerifier.Verify(proof).IsValid);
        Assert.Contains(entries, e => e.GetProperty("sequence").GetInt64() == proof.Leaf.Sequence
            && e.GetProperty("hash").GetString() == proof.Leaf.HeadHash);

        // The browser's own download request may be recorded too before Chromium drops it; ours certainly are.
        var exports = await EntriesAsync(merchant, e => e.Action == AuditAction.AuditExported);
        Assert.Contains(exports, e => e.Details.Contains("\"format\":\"csv\"", StringComparison.Ordinal));
        Assert.Contains(exports, e => e.Details.Contains("\"format\":\"json\"", StringComparison.Ordinal));
        Assert.All(exports, e => Assert.Equal("Cora Compliance", e.ActorName));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task HandEditedPageCursor_ThatIsNotANumber_ShowsTheNewestEntriesRatherThanFailing()
    {
        var page = await browser.NewPageAsync(fixture.App.BaseAddress);
        await page.SignInAsync("compliance@demo.local");

        await page.GotoAsync("/audit?older=abc&newer=-1");
        await page.WaitForInteractiveAsync();

        await Assertions.Expect(page.Locator("[data-test=audit-action]").First).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("viewer@demo.local")]
    [InlineData("operator@demo.local")]
    [InlineData("support@demo.local")]
    public async Task RolesWithoutAuditAccess_HaveNoMenuEntryAndAreDeniedByUrl(string email)
    {
        var page = await browser.NewPageAsync(fixture.App.BaseAddress);
        await page.SignInAsync(email);
        await Assertions.Expect(page.Locator("[data-test=nav-audit]")).ToHaveCountAsync(0);

        foreach (var path in new[] { "/audit", "/audit/entries/1", "/platform/audit" })
        {
            await page.GotoAsync(path);
            await Assertions.Expect(page.Locator("[data-test=access-denied]")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[data-test=audit-table]")).ToHaveCountAsync(0);
        }

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task PlatformAdmin_SeesSignInsOnThePlatformChain()
    {
        var page = await browser.NewPageAsync(fixture.App.BaseAddress);
        await page.SignInAsync(DemoData.PlatformAdminEmail);

        await page.ClickAsync("[data-test=nav-platform-audit]");
        await Assertions.Expect(page.Locator("[data-test=audit-action]").Filter(new() { HasText = "SignInSucceeded" }).First).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// Clicks an export and fetches the very URL the page requested, with the page's cookies. (Debian's Chromium is
    /// newer than the one this Playwright drives and cancels downloads it is asked to intercept, so the file is
    /// fetched through the browser context's request API instead of the download event.)
    /// </summary>
    private static async Task<string> DownloadAsync(IPage page, string item, bool stepUp = false)
    {
        await page.ClickAsync("[data-test=audit-export]");
        var request = await page.RunAndWaitForRequestAsync(async () =>
        {
            await page.ClickAsync(item);
            if (stepUp)
            {
                // The first export asks for the password again; the second, within five minutes, does not.
                await page.StepUpAsync(DemoData.Password);
            }
        }, r => r.Url.Contains("/audit/export/", StringComparison.Ordinal));
        var response = await page.Context.APIRequest.GetAsync(request.Url);
        Assert.Equal(200, response.Status);
        Assert.StartsWith("attachment;", response.Headers["content-disposition"], StringComparison.Ordinal);
        return await response.TextAsync();
    }

    private static AuditEntry FromJson(JsonElement e) => new()
    {
        MerchantId = Guid.Parse(e.GetProperty("merchant_id").GetString()!),
        Sequence = e.GetProperty("sequence").GetInt64(),
        Id = Guid.Parse(e.GetProperty("id").GetString()!),
        OccurredAt = DateTimeOffset.Parse(e.GetProperty("occurred_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
        ActorType = (AuditActorType)e.GetProperty("actor_type").GetInt32(),
        ActorId = e.GetProperty("actor_id").GetString(),
        ActorName = e.GetProperty("actor_name").GetString()!,
        Action = (AuditAction)e.GetProperty("action").GetInt32(),
        TargetType = e.GetProperty("target_type").GetString(),
        TargetId = e.GetProperty("target_id").GetString(),
        Outcome = (AuditOutcome)e.GetProperty("outcome").GetInt32(),
        IpAddress = e.GetProperty("ip_address").GetString(),
        UserAgent = e.GetProperty("user_agent").GetString(),
        Reason = e.GetProperty("reason").GetString(),
        Details = e.GetProperty("details").GetString()!,
    };

    /// <summary>An admin adds a member and changes their role, so the merchant's chain has something of this test's own to find.</summary>
    private async Task<(Guid Merchant, Guid Membership)> AddMemberAndChangeRoleAsync(string merchantName, string adminEmail)
    {
        var merchant = (await fixture.App.Service<MerchantAdministration>().ListAsync()).Single(m => m.Name == merchantName).Id;
        var members = fixture.App.Service<MemberAdministration>();
        var admin = (await members.ListAsync(merchant)).Single(m => m.Email == adminEmail);
        var by = TestActors.For(admin.UserId, admin.DisplayName);
        var added = await members.AddAsync(merchant, by, $"audited-{Guid.NewGuid():N}@example.com", "Audited Member", MerchantRole.Viewer);
        Assert.True(added.Succeeded, added.Error);
        var changed = await members.ChangeRoleAsync(merchant, by, added.Value!.MembershipId, MerchantRole.Operator);
        Assert.True(changed.Succeeded, changed.Error);
        return (merchant, added.Value.MembershipId);
    }

    /// <summary>What someone with the owner's password could do: switch the guard off, edit history, switch it back on.</summary>
    private async Task<long> TamperWithFirstEntryAsync(Guid merchant)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            ALTER TABLE audit_entries DISABLE TRIGGER USER;
            UPDATE audit_entries SET actor_name = 'Someone Else' WHERE merchant_id = @merchant AND sequence = 1;
            ALTER TABLE audit_entries ENABLE TRIGGER USER;
            """, connection);
        command.Parameters.AddWithValue("merchant", merchant);
        await command.ExecuteNonQueryAsync();
        return 1;
    }

    private async Task<List<AuditEntry>> EntriesAsync(Guid merchant, System.Linq.Expressions.Expression<Func<AuditEntry, bool>> where)
    {
        await using var db = CoreHost.CreateContext(fixture.Database.AppConnectionString, new FixedTenantScope(merchant));
        return await db.AuditEntries.Where(where).OrderBy(e => e.Sequence).ToListAsync();
    }
}
