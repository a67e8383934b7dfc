using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Braintree;

namespace PaymentsPortal.Tests.Unit.Gateways.Braintree;

[Trait("Tier", "Unit")]
public sealed class BraintreeTransportClassifierTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(400);

    [Theory]
    [InlineData(SocketError.ConnectionRefused, "connection_refused")]
    [InlineData(SocketError.HostNotFound, "name_not_resolved")]
    [InlineData(SocketError.TryAgain, "name_not_resolved")]
    [InlineData(SocketError.NoData, "name_not_resolved")]
    public void Classify_SocketFailureBeforeConnecting_NotSent(SocketError error, string code)
    {
        var exception = new HttpRequestException(HttpRequestError.ConnectionError, "connect failed", new SocketException((int)error));

        var result = BraintreeTransportClassifier.Classify(exception, callerCanceled: false, Timeout);

        Assert.Equal(GatewayOutcome.NotSent, result.Outcome);
        Assert.Equal(code, result.Code);
    }

    [Fact]
    public void Classify_NameResolutionErrorWithoutSocketException_NotSent()
    {
        var exception = new HttpRequestException(HttpRequestError.NameResolutionError, "no such host");

        var result = BraintreeTransportClassifier.Classify(exception, callerCanceled: false, Timeout);

        Assert.Equal(GatewayOutcome.NotSent, result.Outcome);
    }

    [Theory]
    [InlineData(SocketError.ConnectionReset)]
    [InlineData(SocketError.ConnectionAborted)]
    [InlineData(SocketError.TimedOut)]
    [InlineData(SocketError.HostUnreachable)]
    [InlineData(SocketError.NetworkUnreachable)]
    [InlineData(SocketError.Shutdown)]
    public void Classify_SocketFailureThatMayFollowSending_Unknown(SocketError error)
    {
        var exception = new HttpRequestException("failed", new IOException("transport", new SocketException((int)error)));

        var result = BraintreeTransportClassifier.Classify(exception, callerCanceled: false, Timeout);

        Assert.Equal(GatewayOutcome.Unknown, result.Outcome);
        Assert.Equal("connection_lost", result.Code);
    }

    [Fact]
    public void Classify_ResponseEndedPrematurely_Unknown()
    {
        var exception = new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely.");

        Assert.Equal(GatewayOutcome.Unknown, BraintreeTransportClassifier.Classify(exception, false, Timeout).Outcome);
    }

    [Fact]
    public void Classify_AttemptTimeout_UnknownTimeout()
    {
        var result = BraintreeTransportClassifier.Classify(new TaskCanceledException(), callerCanceled: false, Timeout);

        Assert.Equal(GatewayOutcome.Unknown, result.Outcome);
        Assert.Equal("timeout", result.Code);
        Assert.Contains("400 ms", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_CallerCanceledMidCall_UnknownCanceled()
    {
        var result = BraintreeTransportClassifier.Classify(new OperationCanceledException(), callerCanceled: true, Timeout);

        Assert.Equal(GatewayOutcome.Unknown, result.Outcome);
        Assert.Equal("canceled", result.Code);
    }

    [Fact]
    public void Classify_UnreadableJson_Unknown()
    {
        var result = BraintreeTransportClassifier.Classify(new JsonException("bad"), callerCanceled: false, Timeout);

        Assert.Equal(GatewayOutcome.Unknown, result.Outcome);
        Assert.Equal("unreadable_reply", result.Code);
    }

    [Fact]
    public void IsTransportFailure_ProgrammingError_NotSwallowed()
    {
        Assert.False(BraintreeTransportClassifier.IsTransportFailure(new InvalidOperationException()));
        Assert.False(BraintreeTransportClassifier.IsTransportFailure(new ArgumentNullException("x")));
        Assert.True(BraintreeTransportClassifier.IsTransportFailure(new IOException()));
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, GatewayOutcome.NotSent, "authentication")]
    [InlineData(HttpStatusCode.Forbidden, GatewayOutcome.NotSent, "authorization")]
    [InlineData(HttpStatusCode.TooManyRequests, GatewayOutcome.NotSent, "rate_limited")]
    [InlineData(HttpStatusCode.RequestTimeout, GatewayOutcome.Unknown, "http_408")]
    [InlineData(HttpStatusCode.InternalServerError, GatewayOutcome.Unknown, "http_500")]
    [InlineData(HttpStatusCode.BadGateway, GatewayOutcome.Unknown, "http_502")]
    [InlineData(HttpStatusCode.ServiceUnavailable, GatewayOutcome.Unknown, "http_503")]
    [InlineData(HttpStatusCode.GatewayTimeout, GatewayOutcome.Unknown, "http_504")]
    [InlineData(HttpStatusCode.MovedPermanently, GatewayOutcome.Unknown, "http_301")]
    public void ClassifyStatus_DecidingStatus_Classified(HttpStatusCode status, GatewayOutcome outcome, string code)
    {
        var result = BraintreeTransportClassifier.ClassifyStatus(status);

        Assert.NotNull(result);
        Assert.Equal(outcome, result.Outcome);
        Assert.Equal(code, result.Code);
        Assert.False(result.RetryableElsewhere);
    }

    [Theory]
    [InlineData(HttpStatusCode.OK)]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.UnprocessableEntity)]
    public void ClassifyStatus_BodyDecides_Null(HttpStatusCode status) =>
        Assert.Null(BraintreeTransportClassifier.ClassifyStatus(status));

    [Fact]
    public void RejectedStatus_ClientErrorWithoutGraphQLBody_DeclinedNotRetryable()
    {
        var result = BraintreeTransportClassifier.RejectedStatus(HttpStatusCode.NotFound);

        Assert.Equal(GatewayOutcome.Declined, result.Outcome);
        Assert.Equal("http_404", result.Code);
        Assert.False(result.RetryableElsewhere);
    }
}
