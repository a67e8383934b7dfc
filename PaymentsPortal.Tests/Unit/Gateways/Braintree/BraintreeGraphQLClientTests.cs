using System.Net;
using System.Text;
using System.Text.Json;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Braintree;
using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Tests.Unit.Gateways.Braintree;

/// <summary>The requests the adapter puts on the wire, and how it reads replies that are not a plain success.</summary>
[Trait("Tier", "Unit")]
public sealed class BraintreeGraphQLClientTests
{
    private const string Secret = "pub_key:priv_key_9f8e7d";

    private static readonly Guid AttemptId = Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff");

    [Fact]
    public async Task AuthorizeAsync_Capture_PostsChargePaymentMethodWithOrderIdAmountAndMerchantAccount()
    {
        var (gateway, handler) = Create(HttpStatusCode.OK, """{"data":{"chargePaymentMethod":null}}""");

        await gateway.AuthorizeAsync(Request(new Money(1250, Currency.Bhd), capture: true), CancellationToken.None);

        var (request, body) = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(new Uri("https://payments.sandbox.braintree-api.com/graphql"), request.RequestUri);
        Assert.Equal("Basic", request.Headers.Authorization?.Scheme);
        Assert.Equal(Secret, Encoding.UTF8.GetString(Convert.FromBase64String(request.Headers.Authorization!.Parameter!)));
        Assert.Equal(BraintreeGraphQLClient.ApiVersion, Assert.Single(request.Headers.GetValues("Braintree-Version")));
        Assert.Equal("application/json", request.Content!.Headers.ContentType!.MediaType);

        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.Contains("chargePaymentMethod(input: $input)", root.GetProperty("query").GetString(), StringComparison.Ordinal);
        var input = root.GetProperty("variables").GetProperty("input");
        Assert.Equal("fake-valid-nonce", input.GetProperty("paymentMethodId").GetString());
        var transaction = input.GetProperty("transaction");
        Assert.Equal("1.250", transaction.GetProperty("amount").GetString());
        Assert.Equal("6f9619ff-8b86-d011-b42d-00c04fc964ff", transaction.GetProperty("orderId").GetString());
        Assert.Equal("portal_bhd", transaction.GetProperty("merchantAccountId").GetString());
        Assert.Equal(["amount", "orderId", "merchantAccountId"], transaction.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task AuthorizeAsync_AuthorizeOnly_UsesAuthorizePaymentMethodAndLeavesOutAMissingMerchantAccount()
    {
        var (gateway, handler) = Create(HttpStatusCode.OK, """{"data":{"authorizePaymentMethod":null}}""", merchantAccountId: null);

        await gateway.AuthorizeAsync(Request(new Money(1500, Currency.Jpy), capture: false), CancellationToken.None);

        using var json = JsonDocument.Parse(handler.Requests[0].Body);
        Assert.Contains("authorizePaymentMethod(input: $input)", json.RootElement.GetProperty("query").GetString(), StringComparison.Ordinal);
        var transaction = json.RootElement.GetProperty("variables").GetProperty("input").GetProperty("transaction");
        Assert.Equal("1500", transaction.GetProperty("amount").GetString());
        Assert.False(transaction.TryGetProperty("merchantAccountId", out _));
    }

    [Fact]
    public async Task RefundAsync_SendsRefundIdAsApiRequestKeyAndOrderId()
    {
        var (gateway, handler) = Create(HttpStatusCode.OK, """{"data":{"refundTransaction":null}}""");
        var refundId = Guid.NewGuid();

        await gateway.RefundAsync(new RefundRequest(refundId, "dHJhbnNhY3Rpb25fMQ==", new Money(500, Currency.Usd), "reason"), CancellationToken.None);

        using var json = JsonDocument.Parse(handler.Requests[0].Body);
        var input = json.RootElement.GetProperty("variables").GetProperty("input");
        Assert.Equal("dHJhbnNhY3Rpb25fMQ==", input.GetProperty("transactionId").GetString());
        Assert.Equal(refundId.ToString("D"), input.GetProperty("apiRequestKey").GetString());
        Assert.Equal("5.00", input.GetProperty("refund").GetProperty("amount").GetString());
        Assert.Equal(refundId.ToString("D"), input.GetProperty("refund").GetProperty("orderId").GetString());
    }

    [Fact]
    public async Task LookupAsync_SearchesTransactionsByOrderIdIs()
    {
        var (gateway, handler) = Create(HttpStatusCode.OK, """{"data":{"search":{"transactions":{"pageInfo":{"hasNextPage":false},"edges":[]}}}}""");

        var lookup = await gateway.LookupAsync(AttemptId, CancellationToken.None);

        Assert.Equal(GatewayLookup.NotFound(), lookup);
        using var json = JsonDocument.Parse(handler.Requests[0].Body);
        Assert.Contains("transactions(input: $input, first: $first)", json.RootElement.GetProperty("query").GetString(), StringComparison.Ordinal);
        var variables = json.RootElement.GetProperty("variables");
        Assert.Equal("6f9619ff-8b86-d011-b42d-00c04fc964ff", variables.GetProperty("input").GetProperty("orderId").GetProperty("is").GetString());
        Assert.Equal(50, variables.GetProperty("first").GetInt32());
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, "<html>not json</html>", GatewayOutcome.Unknown, "unreadable_reply")]
    [InlineData(HttpStatusCode.OK, "", GatewayOutcome.Unknown, "unreadable_reply")]
    [InlineData(HttpStatusCode.OK, """{"data":{"chargePaymentMethod":null}}""", GatewayOutcome.Unknown, "empty_reply")]
    [InlineData(HttpStatusCode.Unauthorized, """{"errors":[{"message":"Authentication credentials are invalid.","extensions":{"errorClass":"AUTHENTICATION"}}]}""", GatewayOutcome.NotSent, "authentication")]
    [InlineData(HttpStatusCode.TooManyRequests, "", GatewayOutcome.NotSent, "rate_limited")]
    [InlineData(HttpStatusCode.ServiceUnavailable, "", GatewayOutcome.Unknown, "http_503")]
    [InlineData(HttpStatusCode.BadRequest, "<html>bad</html>", GatewayOutcome.Declined, "http_400")]
    [InlineData(HttpStatusCode.BadRequest, """{"errors":[{"message":"Variable $input is invalid.","extensions":{"errorClass":"VALIDATION","legacyCode":81503}}]}""", GatewayOutcome.Declined, "validation/81503")]
    [InlineData(HttpStatusCode.OK, """{"data":{"chargePaymentMethod":null},"errors":[{"message":"Internal error.","extensions":{"errorClass":"INTERNAL"}}]}""", GatewayOutcome.Unknown, "internal")]
    public async Task AuthorizeAsync_Reply_Classified(HttpStatusCode status, string body, GatewayOutcome outcome, string code)
    {
        var (gateway, _) = Create(status, body);

        var result = await gateway.AuthorizeAsync(Request(new Money(100, Currency.Usd), capture: true), CancellationToken.None);

        Assert.Equal((outcome, code), (result.Outcome, result.Code));
        Assert.False(result.RetryableElsewhere);
        Assert.DoesNotContain("priv_key_9f8e7d", result.Message ?? "", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no-colon-at-all")]
    [InlineData(":private-only")]
    [InlineData("public-only:")]
    public async Task AuthorizeAsync_MalformedSecret_NotSentWithoutARequestOrTheSecretInTheMessage(string secret)
    {
        var (gateway, handler) = Create(HttpStatusCode.OK, "{}", secret: secret);

        var result = await gateway.AuthorizeAsync(Request(new Money(100, Currency.Usd), capture: true), CancellationToken.None);

        Assert.Equal((GatewayOutcome.NotSent, "configuration"), (result.Outcome, result.Code));
        Assert.Empty(handler.Requests);
        Assert.DoesNotContain(secret, result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthorizeAsync_AlreadyCanceled_ThrowsBeforeSending()
    {
        var (gateway, handler) = Create(HttpStatusCode.OK, "{}");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            gateway.AuthorizeAsync(Request(new Money(100, Currency.Usd), capture: true), new CancellationToken(canceled: true)));
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public void ConnectionToString_NeverShowsTheSecret()
    {
        var connection = new GatewayConnection(GatewayKind.Braintree, new Uri("https://payments.braintree-api.com/"), "merchant", Secret, TimeSpan.FromSeconds(5), "portal_usd");

        Assert.DoesNotContain("priv_key", connection.ToString(), StringComparison.Ordinal);
    }

    private static AuthorizeRequest Request(Money amount, bool capture) =>
        new(AttemptId, Guid.NewGuid(), Guid.NewGuid(), amount, new PaymentToken(GatewayKind.Braintree, "fake-valid-nonce"), capture, null, null, null);

    private static (BraintreeGateway Gateway, ScriptedHandler Handler) Create(HttpStatusCode status, string body, string? merchantAccountId = "portal_bhd", string secret = Secret)
    {
        var handler = new ScriptedHandler(status, body);
        var connection = new GatewayConnection(GatewayKind.Braintree, new Uri("https://payments.sandbox.braintree-api.com/"), "merchant", secret,
            TimeSpan.FromSeconds(5), merchantAccountId);
        return (new BraintreeGateway(connection, new HttpClient(handler)), handler);
    }
}
