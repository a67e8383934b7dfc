using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Audit;

[Trait("Tier", "Integration")]
public sealed class SignInAuditTests(PortalAppFixture fixture) : IClassFixture<PortalAppFixture>
{
    [Fact]
    public async Task SignIn_FailureSuccessAndSignOut_AreRecordedOnThePlatformChainWithOrigin()
    {
        using var http = new PortalHttp(fixture.App.BaseAddress);
        await http.SubmitSignInAsync("compliance@demo.local", "Wrong-Passw0rd!");
        await http.SubmitSignInAsync("nobody@demo.local", "Wrong-Passw0rd!");
        await http.SignInAsync("compliance@demo.local");
        var token = await http.AntiforgeryTokenAsync();
        await http.PostFormAsync("/account/logout", new Dictionary<string, string> { [PortalHttp.AntiforgeryField] = token });

        await using var db = CoreHost.CreateContext(fixture.Database.AppConnectionString, FixedTenantScope.None);
        var entries = await db.AuditEntries.IgnoreQueryFilters()
            .Where(e => e.MerchantId == AuditEntry.PlatformChain)
            .OrderBy(e => e.Sequence)
            .ToListAsync();

        Assert.Equal(
            [AuditAction.SignInFailed, AuditAction.SignInFailed, AuditAction.SignInSucceeded, AuditAction.SignedOut],
            entries.Select(e => e.Action));
        Assert.Equal("Cora Compliance", entries[0].ActorName);
        Assert.NotNull(entries[0].ActorId);
        Assert.Equal("nobody@demo.local", entries[1].ActorName);
        Assert.Null(entries[1].ActorId);
        Assert.All(entries, e => Assert.Equal("127.0.0.1", e.IpAddress));
        Assert.DoesNotContain(entries, e => e.Details.Contains("Passw0rd", StringComparison.Ordinal));
        Assert.True((await AuditVerifier.VerifyAsync(db, AuditEntry.PlatformChain)).IsIntact);
    }
}
