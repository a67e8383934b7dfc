using System.Net;
using System.Net.Sockets;
using PaymentsPortal.Core.Banking.Plaid;

namespace PaymentsPortal.Tests.Unit.Banking.Plaid;

/// <summary>Calls that get no usable reply: they end as Unavailable, never as an exception, and never quote the secret.</summary>
[Trait("Tier", "Unit")]
public sealed class PlaidTransportFailureTests
{
    [Fact]
    public async Task GetItemAsync_NoReplyWithinTheTimeout_Unavailable()
    {
        var stub = new PlaidStubHandler().On("/item/get", async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            throw new InvalidOperationException("unreachable");
        });
        using var host = new PlaidTestHost(stub, new Dictionary<string, string?> { ["Plaid:Timeout"] = "00:00:01" });

        var result = await host.Client.GetItemAsync(PlaidTestHost.AccessToken, CancellationToken.None);

        Assert.Equal(PlaidFailureKind.Unavailable, result.Failure!.Kind);
        Assert.Contains("within 1 s", result.Failure.DeveloperMessage, StringComparison.Ordinal);
        Assert.False(result.Failure.OutcomeUnknown);
    }

    [Fact]
    public async Task ExchangePublicTokenAsync_ConnectionResetAfterSending_UnavailableWithUnknownOutcome()
    {
        var stub = new PlaidStubHandler().On("/item/public_token/exchange", (_, _) =>
            throw new HttpRequestException("An error occurred while sending the request.", new IOException("reset", new SocketException((int)SocketError.ConnectionReset))));
        using var host = new PlaidTestHost(stub);

        var result = await host.Client.ExchangePublicTokenAsync(new PlaidPublicToken("public-sandbox-0f0e0d0c-aaaa-bbbb-cccc-123456789abc"), CancellationToken.None);

        Assert.Equal(PlaidFailureKind.Unavailable, result.Failure!.Kind);
        Assert.True(result.Failure.OutcomeUnknown);
        Assert.Contains("HttpRequestException", result.Failure.DeveloperMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAccountsAsync_CallerCancels_Throws()
    {
        using var cancel = new CancellationTokenSource();
        var stub = new PlaidStubHandler().On("/accounts/get", async (_, token) =>
        {
            await cancel.CancelAsync();
            await Task.Delay(Timeout.Infinite, token);
            throw new InvalidOperationException("unreachable");
        });
        using var host = new PlaidTestHost(stub);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.Client.GetAccountsAsync(PlaidTestHost.AccessToken, null, cancel.Token));
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("""{"item":{"item_id":"x"},"request_id":"r1"}""")]
    [InlineData("""{"accounts":[],"item":null,"request_id":"r1"}""")]
    [InlineData("")]
    public async Task GetAccountsAsync_SuccessStatusUnreadableBody_Unavailable(string body)
    {
        using var host = new PlaidTestHost(new PlaidStubHandler().Reply("/accounts/get", HttpStatusCode.OK, body));

        var result = await host.Client.GetAccountsAsync(PlaidTestHost.AccessToken, null, CancellationToken.None);

        Assert.Equal(PlaidFailureKind.Unavailable, result.Failure!.Kind);
        Assert.Equal(200, result.Failure.HttpStatus);
    }

    [Fact]
    public async Task AnyFailure_SecretEchoedByPlaidOrTheNetwork_NeverInTheFailureOrTheLogs()
    {
        // A worst case: the error text and a transport exception both quote the secret and an access token.
        var echo = $$"""{"error_type":"INVALID_INPUT","error_code":"INVALID_API_KEYS","error_message":"secret {{PlaidTestHost.Secret}} is wrong for {{PlaidTestHost.AccessToken.Reveal()}}","display_message":"{{PlaidTestHost.Secret}}","request_id":"r1"}""";
        var stub = new PlaidStubHandler()
            .Reply("/item/get", HttpStatusCode.BadRequest, echo)
            .On("/item/remove", (_, _) => throw new HttpRequestException("failed with " + PlaidTestHost.Secret));
        using var host = new PlaidTestHost(stub);

        var refused = await host.Client.GetItemAsync(PlaidTestHost.AccessToken, CancellationToken.None);
        var failed = await host.Client.RemoveItemAsync(PlaidTestHost.AccessToken, CancellationToken.None);

        foreach (var failure in new[] { refused.Failure!, failed.Failure! })
        {
            var text = failure.ToString();
            Assert.DoesNotContain(PlaidTestHost.Secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain("de3ce8ef-33f8", text, StringComparison.Ordinal);
        }

        Assert.Equal(PlaidFailureKind.InvalidCredentials, refused.Failure!.Kind);
        Assert.NotEmpty(host.Logs.Entries);
        Assert.DoesNotContain(PlaidTestHost.Secret, host.AllLogText, StringComparison.Ordinal);
        Assert.DoesNotContain("de3ce8ef-33f8", host.AllLogText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetItemAsync_InvalidOptions_ThrowsWithoutTheSecret()
    {
        using var host = new PlaidTestHost(new PlaidStubHandler(), new Dictionary<string, string?>
        {
            ["Plaid:Environment"] = "Development",
            ["Plaid:Secret"] = PlaidTestHost.Secret + " with a space",
        });

        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => host.Client.GetItemAsync(PlaidTestHost.AccessToken, CancellationToken.None));

        Assert.Contains("Development was retired", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("Plaid:Secret must not contain spaces", thrown.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(PlaidTestHost.Secret, thrown.ToString(), StringComparison.Ordinal);
        Assert.Empty(host.Stub.Requests);
    }
}
