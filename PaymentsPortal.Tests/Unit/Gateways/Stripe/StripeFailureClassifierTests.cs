using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Stripe;
using Stripe;

namespace PaymentsPortal.Tests.Unit.Gateways.Stripe;

[Trait("Tier", "Unit")]
public sealed class StripeFailureClassifierTests
{
    [Fact]
    public void Classify_ConnectionRefused_IsNotSent()
    {
        var refused = new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (127.0.0.1:1)", new SocketException((int)SocketError.ConnectionRefused));

        var result = StripeFailureClassifier.Classify(refused, attemptTimedOut: false);

        Assert.Equal(GatewayOutcome.NotSent, result.Outcome);
        Assert.Equal("transport.connection_refused", result.Code);
    }

    [Theory]
    [InlineData(SocketError.HostNotFound)]
    [InlineData(SocketError.TryAgain)]
    public void Classify_NameNotResolved_IsNotSent(SocketError error)
    {
        var unresolved = new HttpRequestException(HttpRequestError.NameResolutionError, "Name or service not known", new SocketException((int)error));

        var result = StripeFailureClassifier.Classify(unresolved, attemptTimedOut: false);

        Assert.Equal(GatewayOutcome.NotSent, result.Outcome);
        Assert.Equal("transport.name_not_resolved", result.Code);
    }

    [Fact]
    public void Classify_RefusedDeepInTheChain_IsStillNotSent()
    {
        var inner = new IOException("connect failed", new SocketException((int)SocketError.ConnectionRefused));

        Assert.True(StripeFailureClassifier.ProvesNotSent(new HttpRequestException("send failed", inner)));
    }

    [Theory]
    [InlineData(SocketError.ConnectionReset)]
    [InlineData(SocketError.ConnectionAborted)]
    [InlineData(SocketError.TimedOut)]
    [InlineData(SocketError.HostUnreachable)]
    [InlineData(SocketError.NetworkUnreachable)]
    [InlineData(SocketError.Shutdown)]
    public void Classify_OtherSocketFailures_AreUnknown(SocketError error)
    {
        var failure = new HttpRequestException(HttpRequestError.Unknown, "failed", new IOException("transport", new SocketException((int)error)));

        var result = StripeFailureClassifier.Classify(failure, attemptTimedOut: false);

        Assert.Equal(GatewayOutcome.Unknown, result.Outcome);
        Assert.Equal("transport.connection_lost", result.Code);
    }

    [Theory]
    [InlineData(HttpRequestError.ResponseEnded)]
    [InlineData(HttpRequestError.SecureConnectionError)]
    [InlineData(HttpRequestError.InvalidResponse)]
    [InlineData(HttpRequestError.ConnectionError)]
    public void Classify_HttpErrorsWithoutARefusal_AreUnknown(HttpRequestError error) =>
        Assert.Equal(GatewayOutcome.Unknown, StripeFailureClassifier.Classify(new HttpRequestException(error, "failed"), attemptTimedOut: false).Outcome);

    [Fact]
    public void Classify_OurAttemptTimeout_IsUnknownTimeout()
    {
        var result = StripeFailureClassifier.Classify(new TaskCanceledException(), attemptTimedOut: true);

        Assert.Equal(GatewayOutcome.Unknown, result.Outcome);
        Assert.Equal("transport.timeout", result.Code);
    }

    [Fact]
    public void Classify_HttpClientTimeout_IsUnknownTimeout() =>
        Assert.Equal("transport.timeout", StripeFailureClassifier.Classify(new TaskCanceledException("timeout", new TimeoutException()), attemptTimedOut: false).Code);

    [Fact]
    public void Classify_CallerCanceledMidCall_IsUnknown()
    {
        var result = StripeFailureClassifier.Classify(new OperationCanceledException(), attemptTimedOut: false);

        Assert.Equal(GatewayOutcome.Unknown, result.Outcome);
        Assert.Equal("transport.canceled", result.Code);
    }

    [Fact]
    public void Classify_ReadFailureOrUnreadableJson_IsUnknown()
    {
        Assert.Equal("transport.connection_lost", StripeFailureClassifier.Classify(new IOException("reset"), false).Code);
        Assert.Equal("transport.unreadable_reply", StripeFailureClassifier.Classify(new JsonException("bad"), false).Code);
    }

    [Fact]
    public void Classify_UnexpectedException_IsUnknownNeverNotSent()
    {
        var result = StripeFailureClassifier.Classify(new InvalidOperationException("surprise"), attemptTimedOut: false);

        Assert.Equal(GatewayOutcome.Unknown, result.Outcome);
        Assert.Equal("unexpected_error", result.Code);
    }

    [Fact]
    public void Classify_CardDeclinedInsufficientFunds_IsDeclinedNotRetryableWithTheIntent()
    {
        var error = new StripeError
        {
            Type = "card_error", Code = "card_declined", DeclineCode = "insufficient_funds", Message = "Your card has insufficient funds.",
            PaymentIntent = new PaymentIntent { Id = "pi_123" },
        };

        var result = StripeFailureClassifier.Classify(Stripe(HttpStatusCode.PaymentRequired, error), attemptTimedOut: false);

        Assert.Equal(GatewayOutcome.Declined, result.Outcome);
        Assert.False(result.RetryableElsewhere);
        Assert.Equal("card_declined/insufficient_funds", result.Code);
        Assert.Equal("Your card has insufficient funds.", result.Message);
        Assert.Equal("pi_123", result.GatewayReference);
    }

    [Fact]
    public void Classify_ProcessingError_IsDeclinedRetryableElsewhere()
    {
        var error = new StripeError { Type = "card_error", Code = "processing_error", DeclineCode = "processing_error", Message = "An error occurred." };

        var result = StripeFailureClassifier.Classify(Stripe(HttpStatusCode.PaymentRequired, error), attemptTimedOut: false);

        Assert.Equal(GatewayOutcome.Declined, result.Outcome);
        Assert.True(result.RetryableElsewhere);
    }

    [Fact]
    public void Classify_ResourceMissing_IsDeclinedNotRetryable()
    {
        var error = new StripeError { Type = "invalid_request_error", Code = "resource_missing", Message = "No such PaymentMethod: 'pm_x'" };

        var result = StripeFailureClassifier.Classify(Stripe(HttpStatusCode.BadRequest, error), attemptTimedOut: false);

        Assert.Equal(GatewayOutcome.Declined, result.Outcome);
        Assert.False(result.RetryableElsewhere);
        Assert.Equal("resource_missing", result.Code);
    }

    [Fact]
    public void Classify_IdempotencyError_IsUnknownWithItsOwnCode()
    {
        var error = new StripeError { Type = "idempotency_error", Message = "Keys for idempotent requests can only be used with the same parameters" };

        var result = StripeFailureClassifier.Classify(Stripe(HttpStatusCode.BadRequest, error), attemptTimedOut: false);

        Assert.Equal(GatewayOutcome.Unknown, result.Outcome);
        Assert.Equal("idempotency_error", result.Code);
    }

    [Fact]
    public void Classify_KeyStillInUse_IsUnknown() =>
        Assert.Equal(GatewayOutcome.Unknown, StripeFailureClassifier.Classify(
            Stripe(HttpStatusCode.Conflict, new StripeError { Type = "invalid_request_error", Code = "idempotency_key_in_use" }), false).Outcome);

    [Fact]
    public void Classify_RateLimited_IsNotSent()
    {
        var result = StripeFailureClassifier.Classify(Stripe(HttpStatusCode.TooManyRequests, new StripeError { Type = "invalid_request_error", Code = "rate_limit" }), false);

        Assert.Equal(GatewayOutcome.NotSent, result.Outcome);
        Assert.Equal("rate_limit", result.Code);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, "api_error")]
    [InlineData(HttpStatusCode.BadGateway, null)]
    [InlineData(HttpStatusCode.ServiceUnavailable, null)]
    public void Classify_ServerErrors_AreUnknown(HttpStatusCode status, string? type)
    {
        var error = type is null ? null : new StripeError { Type = type, Message = "Something went wrong." };

        Assert.Equal(GatewayOutcome.Unknown, StripeFailureClassifier.Classify(Stripe(status, error), attemptTimedOut: false).Outcome);
    }

    [Fact]
    public void Classify_OkWithUnparseableBody_IsUnknown()
    {
        var result = StripeFailureClassifier.Classify(Stripe(HttpStatusCode.OK, null), attemptTimedOut: false);

        Assert.Equal(GatewayOutcome.Unknown, result.Outcome);
        Assert.Equal("transport.unreadable_reply", result.Code);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, "authentication_error")]
    [InlineData(HttpStatusCode.Forbidden, "permission_error")]
    public void Classify_RejectedKey_IsRetryableDeclineThatNeverRepeatsTheKey(HttpStatusCode status, string code)
    {
        var error = new StripeError { Type = "invalid_request_error", Message = "Invalid API Key provided: sk_test_********************cret" };

        var result = StripeFailureClassifier.Classify(Stripe(status, error), attemptTimedOut: false);

        Assert.Equal(GatewayOutcome.Declined, result.Outcome);
        Assert.True(result.RetryableElsewhere);
        Assert.Equal(code, result.Code);
        Assert.DoesNotContain("sk_", result.Message, StringComparison.Ordinal);
    }

    private static StripeException Stripe(HttpStatusCode status, StripeError? error) => new(status, error, error?.Message ?? "Invalid response object from API");
}
