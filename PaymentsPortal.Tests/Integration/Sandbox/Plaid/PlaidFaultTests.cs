using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using PaymentsPortal.Sandbox;
using PaymentsPortal.Sandbox.Plaid;

namespace PaymentsPortal.Tests.Integration.Sandbox.Plaid;

[Trait("Tier", "Integration")]
public sealed class PlaidFaultTests
{
    [Fact]
    public async Task BalanceGet_PastTheRateLimit_RateLimitExceeded429()
    {
        await using var sandbox = await PlaidSandbox.StartAsync();
        var (accessToken, _) = await sandbox.LinkItemAsync();
        sandbox.Simulator.SetBalanceRateLimit(3, TimeSpan.FromMinutes(1));

        for (var i = 0; i < 3; i++)
        {
            (await sandbox.CallAsync("/accounts/balance/get", accessToken)).Ok();
        }

        (await sandbox.CallAsync("/accounts/balance/get", accessToken)).Error(HttpStatusCode.TooManyRequests, "RATE_LIMIT_EXCEEDED", "ACCOUNTS_BALANCE_GET_LIMIT");
        (await sandbox.CallAsync("/accounts/get", accessToken)).Ok();
    }

    [Fact]
    public async Task BalanceGet_WindowPassed_AllowedAgain()
    {
        var clock = new Support.ManualClock();
        await using var sandbox = await PlaidSandbox.StartAsync(clock: clock);
        var (accessToken, _) = await sandbox.LinkItemAsync();
        sandbox.Simulator.SetBalanceRateLimit(1, TimeSpan.FromMinutes(1));
        (await sandbox.CallAsync("/accounts/balance/get", accessToken)).Ok();
        Assert.Equal(HttpStatusCode.TooManyRequests, (await sandbox.CallAsync("/accounts/balance/get", accessToken)).Status);

        clock.Advance(TimeSpan.FromSeconds(61));

        (await sandbox.CallAsync("/accounts/balance/get", accessToken)).Ok();
    }

    [Fact]
    public async Task InstitutionDown_DataCallsAndNewItemsFail_UntilItIsBack()
    {
        await using var sandbox = await PlaidSandbox.StartAsync();
        var (accessToken, _) = await sandbox.LinkItemAsync();
        var (otherBank, _) = await sandbox.LinkItemAsync(PlaidInstitution.PlatypusOauthBank);

        sandbox.Simulator.SetInstitutionDown(PlaidInstitution.FirstPlatypusBank);

        (await sandbox.CallAsync("/accounts/balance/get", accessToken)).Error(HttpStatusCode.BadRequest, "INSTITUTION_ERROR", "INSTITUTION_DOWN");
        (await PlaidTransactionsSyncTests.Sync(sandbox, accessToken, "", 10)).Error(HttpStatusCode.BadRequest, "INSTITUTION_ERROR", "INSTITUTION_DOWN");
        (await sandbox.PostAsync("/sandbox/public_token/create", new JsonObject
        {
            ["institution_id"] = PlaidInstitution.FirstPlatypusBank,
            ["initial_products"] = new JsonArray("transactions"),
        })).Error(HttpStatusCode.BadRequest, "INSTITUTION_ERROR", "INSTITUTION_DOWN");
        (await sandbox.CallAsync("/accounts/get", otherBank)).Ok();
        (await sandbox.CallAsync("/item/get", accessToken)).Ok();

        sandbox.Simulator.SetInstitutionDown(PlaidInstitution.FirstPlatypusBank, down: false);
        (await sandbox.CallAsync("/accounts/get", accessToken)).Ok();
    }

    [Fact]
    public async Task Outage_RefusesConnectionsThenListensAgainOnTheSamePort()
    {
        await using var sandbox = await PlaidSandbox.StartAsync();
        var (accessToken, _) = await sandbox.LinkItemAsync();
        var before = sandbox.Host.Address;

        sandbox.Simulator.Faults.Set(new FaultSettings(Outage: true));
        await sandbox.Host.SetOutageAsync(outage: true);
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => sandbox.CallAsync("/item/get", accessToken));
        Assert.Equal(SocketError.ConnectionRefused, Assert.IsType<SocketException>(refused.InnerException).SocketErrorCode);

        sandbox.Simulator.Faults.Set(FaultSettings.None);
        await sandbox.Host.SetOutageAsync(outage: false);
        Assert.Equal(before, sandbox.Host.Address);
        (await sandbox.CallAsync("/item/get", accessToken)).Ok();
    }

    [Fact]
    public async Task ServerErrorFault_PlaidInternalServerError500()
    {
        await using var sandbox = await PlaidSandbox.StartAsync();
        var (accessToken, _) = await sandbox.LinkItemAsync();
        sandbox.Simulator.Faults.Set(new FaultSettings(ServerError: 1));

        (await sandbox.CallAsync("/accounts/get", accessToken)).Error(HttpStatusCode.InternalServerError, "API_ERROR", "INTERNAL_SERVER_ERROR");
    }
}
