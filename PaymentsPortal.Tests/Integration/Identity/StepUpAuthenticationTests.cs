using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Identity;
using PaymentsPortal.Core.Identity.StepUp;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Identity;

/// <summary>Re-authentication before sensitive actions: per session, five minutes, counted toward lockout, audited.</summary>
[Trait("Tier", "Integration")]
public sealed class StepUpAuthenticationTests : IAsyncLifetime
{
    private const string Purpose = "Approve temporary access";

    private readonly ManualClock clock = new();
    private readonly Guid session = Guid.NewGuid();
    private CoreHost host = default!;
    private StepUpAuthentication stepUps = default!;
    private ActingUser ada = default!;

    public async Task InitializeAsync()
    {
        host = await CoreHost.StartAsync(clock: clock);
        stepUps = host.Service<StepUpAuthentication>();
        ada = await host.ActorAsync("admin@demo.local");
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task VerifyAsync_WrongPassword_IsRefusedCountedTowardLockoutAndAudited()
    {
        var result = await stepUps.VerifyAsync(ada, session, StepUpMethod.Password, "Wrong-Passw0rd!", Purpose);

        Assert.Equal(StepUpOutcome.Rejected, result.Outcome);
        Assert.False(await stepUps.IsFreshAsync(ada.UserId, session));
        Assert.Equal(1, (await host.UserAsync("admin@demo.local")).AccessFailedCount);
        var entry = Assert.Single(await StepUpEntriesAsync());
        Assert.Equal((AuditAction.StepUpFailed, AuditOutcome.Failure, "Ada Admin"), (entry.Action, entry.Outcome, entry.ActorName));
        Assert.Equal(GrantSteps.Origin.IpAddress, entry.IpAddress);
        Assert.Contains(Purpose, entry.Details, StringComparison.Ordinal);
        Assert.DoesNotContain("Wrong-Passw0rd", entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_RightPassword_OpensTheWindowForThisSessionOnlyForFiveMinutes()
    {
        await stepUps.VerifyAsync(ada, session, StepUpMethod.Password, "Wrong-Passw0rd!", Purpose);

        var result = await stepUps.VerifyAsync(ada, session, StepUpMethod.Password, DemoData.Password, Purpose);

        Assert.True(result.Succeeded);
        Assert.True(await stepUps.IsFreshAsync(ada.UserId, session));
        Assert.False(await stepUps.IsFreshAsync(ada.UserId, Guid.NewGuid()));
        Assert.Equal(0, (await host.UserAsync("admin@demo.local")).AccessFailedCount);
        Assert.Equal([AuditAction.StepUpFailed, AuditAction.StepUpSucceeded], (await StepUpEntriesAsync()).Select(e => e.Action));

        clock.Advance(TimeSpan.FromMinutes(4.9));
        Assert.True(await stepUps.IsFreshAsync(ada.UserId, session));
        clock.Advance(TimeSpan.FromMinutes(0.2));
        Assert.False(await stepUps.IsFreshAsync(ada.UserId, session));
    }

    [Fact]
    public async Task VerifyAsync_TenWrongAttempts_LockTheAccountEndItsSessionsAndRefuseEvenTheRightPassword()
    {
        var stampBefore = (await host.UserAsync("admin@demo.local")).SecurityStamp;
        StepUpResult last = StepUpResult.Verified;
        for (var attempt = 0; attempt < PaymentsPortal.Core.Identity.IdentityServiceCollectionExtensions.MaxFailedSignIns; attempt++)
        {
            last = await stepUps.VerifyAsync(ada, session, StepUpMethod.Password, "Wrong-Passw0rd!", Purpose);
        }

        var afterwards = await stepUps.VerifyAsync(ada, session, StepUpMethod.Password, DemoData.Password, Purpose);

        Assert.Equal(StepUpOutcome.LockedOut, last.Outcome);
        Assert.Equal(StepUpOutcome.LockedOut, afterwards.Outcome);
        var user = await host.UserAsync("admin@demo.local");
        Assert.True(user.LockoutEnd > DateTimeOffset.UtcNow);
        Assert.NotEqual(stampBefore, user.SecurityStamp);
        Assert.False(await stepUps.IsFreshAsync(ada.UserId, session));
        Assert.Single(await StepUpEntriesAsync(), e => e.Action == AuditAction.LockedOut);
    }

    [Fact]
    public async Task VerifyAsync_AuthenticatorCode_WorksOnceAndOnlyWhenEnrolled()
    {
        Assert.Equal([StepUpMethod.Password], await stepUps.MethodsAsync(ada.UserId));
        var key = await EnrollTwoFactorAsync("admin@demo.local");
        var code = Totp.Code(key, clock.GetUtcNow());

        var first = await stepUps.VerifyAsync(ada, session, StepUpMethod.AuthenticatorCode, code[..3] + " " + code[3..], Purpose);
        var replay = await stepUps.VerifyAsync(ada, Guid.NewGuid(), StepUpMethod.AuthenticatorCode, code, Purpose);

        Assert.Equal([StepUpMethod.AuthenticatorCode, StepUpMethod.Password], await stepUps.MethodsAsync(ada.UserId));
        Assert.True(first.Succeeded);
        Assert.Equal(StepUpOutcome.Rejected, replay.Outcome);
        Assert.Equal([AuditAction.StepUpSucceeded, AuditAction.StepUpFailed], (await StepUpEntriesAsync()).Select(e => e.Action));
    }

    [Fact]
    public async Task VerifyAsync_AuthenticatorCodeWithoutTwoFactor_IsRefused()
    {
        var result = await stepUps.VerifyAsync(ada, session, StepUpMethod.AuthenticatorCode, "123456", Purpose);

        Assert.Equal(StepUpOutcome.Rejected, result.Outcome);
    }

    [Fact]
    public async Task PurgeAsync_ForgetsStepUpsOlderThanADay()
    {
        await stepUps.VerifyAsync(ada, session, StepUpMethod.Password, DemoData.Password, Purpose);
        Assert.Equal(0, await stepUps.PurgeAsync());

        clock.Advance(TimeSpan.FromDays(1.1));

        Assert.Equal(1, await stepUps.PurgeAsync());
    }

    private async Task<string> EnrollTwoFactorAsync(string email)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        return (await users.GetAuthenticatorKeyAsync(user))!;
    }

    private async Task<List<AuditEntry>> StepUpEntriesAsync()
    {
        await using var db = host.Context(null);
        var id = ada.UserId.ToString();
        return await db.AuditEntries.IgnoreQueryFilters()
            .Where(e => e.MerchantId == AuditEntry.PlatformChain && e.ActorId == id)
            .OrderBy(e => e.Sequence)
            .ToListAsync();
    }
}
