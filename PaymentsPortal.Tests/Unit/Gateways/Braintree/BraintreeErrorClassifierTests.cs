using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Braintree;

namespace PaymentsPortal.Tests.Unit.Gateways.Braintree;

[Trait("Tier", "Unit")]
public sealed class BraintreeErrorClassifierTests
{
    [Theory]
    [InlineData("VALIDATION", "81503", GatewayOutcome.Declined, "validation/81503")]
    [InlineData("VALIDATION", null, GatewayOutcome.Declined, "validation")]
    [InlineData("NOT_FOUND", null, GatewayOutcome.Declined, "not_found")]
    [InlineData("AUTHENTICATION", null, GatewayOutcome.NotSent, "authentication")]
    [InlineData("AUTHORIZATION", null, GatewayOutcome.NotSent, "authorization")]
    [InlineData("RESOURCE_LIMIT", null, GatewayOutcome.NotSent, "rate_limited")]
    [InlineData("NOT_IMPLEMENTED", null, GatewayOutcome.NotSent, "not_implemented")]
    [InlineData("UNSUPPORTED_CLIENT", null, GatewayOutcome.NotSent, "unsupported_client")]
    [InlineData("INTERNAL", null, GatewayOutcome.Unknown, "internal")]
    [InlineData("SERVICE_AVAILABILITY", null, GatewayOutcome.Unknown, "service_availability")]
    [InlineData("SOMETHING_NEW", null, GatewayOutcome.Unknown, "something_new")]
    [InlineData(null, null, GatewayOutcome.Unknown, "graphql_error")]
    public void Classify_ErrorClass_Outcome(string? errorClass, string? legacyCode, GatewayOutcome outcome, string code)
    {
        var result = BraintreeErrorClassifier.Classify([new GraphQLError("Something.", new GraphQLErrorExtensions(errorClass, legacyCode))]);

        Assert.Equal(outcome, result.Outcome);
        Assert.Equal(code, result.Code);
        Assert.False(result.RetryableElsewhere);
        Assert.Equal("Something.", result.Message);
    }

    [Fact]
    public void Classify_ValidationAndInternalTogether_TheUncertainOneWins()
    {
        var result = BraintreeErrorClassifier.Classify(
        [
            new GraphQLError("Bad amount.", new GraphQLErrorExtensions("VALIDATION", "81503")),
            new GraphQLError("Oops.", new GraphQLErrorExtensions("INTERNAL", null)),
        ]);

        Assert.Equal(GatewayOutcome.Unknown, result.Outcome);
    }

    [Fact]
    public void Classify_NoErrorsAndNoData_Unknown()
    {
        Assert.Equal(GatewayOutcome.Unknown, BraintreeErrorClassifier.Classify(null).Outcome);
        Assert.Equal(GatewayOutcome.Unknown, BraintreeErrorClassifier.Classify([]).Outcome);
    }
}
