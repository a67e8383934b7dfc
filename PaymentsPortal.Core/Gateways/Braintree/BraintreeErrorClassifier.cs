namespace PaymentsPortal.Core.Gateways.Braintree;

/// <summary>
/// Classifies a GraphQL <c>errors</c> array that came without the object we asked for. Braintree's error classes
/// say whether anything ran: it documents that AUTHENTICATION, AUTHORIZATION, NOT_FOUND, RESOURCE_LIMIT and
/// NOT_IMPLEMENTED never create a transaction, and VALIDATION rejects the input before processing. INTERNAL,
/// SERVICE_AVAILABILITY and anything unrecognised leave the outcome open.
/// </summary>
internal static class BraintreeErrorClassifier
{
    public static GatewayResult Classify(IReadOnlyList<GraphQLError>? errors)
    {
        if (errors is null || errors.Count == 0)
        {
            return GatewayResult.Unknown("empty_reply", "Braintree answered without the requested object and without an error.");
        }

        // The least certain error decides: one INTERNAL among VALIDATION errors still means "may have run".
        var worst = errors.MaxBy(e => Uncertainty(ClassOf(e)))!;
        var errorClass = ClassOf(worst);
        var message = string.IsNullOrWhiteSpace(worst.Message) ? "Braintree returned an error." : worst.Message.Trim();
        var legacyCode = worst.Extensions?.LegacyCode;
        return errorClass switch
        {
            "VALIDATION" => GatewayResult.Declined(legacyCode is null ? "validation" : "validation/" + legacyCode, message, retryableElsewhere: false),
            "NOT_FOUND" => GatewayResult.Declined("not_found", message, retryableElsewhere: false),
            "AUTHENTICATION" => GatewayResult.NotSent("authentication", message),
            "AUTHORIZATION" => GatewayResult.NotSent("authorization", message),
            "RESOURCE_LIMIT" => GatewayResult.NotSent("rate_limited", message),
            "NOT_IMPLEMENTED" or "UNSUPPORTED_CLIENT" => GatewayResult.NotSent(errorClass.ToLowerInvariant(), message),
            _ => GatewayResult.Unknown(errorClass is "" ? "graphql_error" : errorClass.ToLowerInvariant(), message),
        };
    }

    private static string ClassOf(GraphQLError error) => error.Extensions?.ErrorClass?.Trim().ToUpperInvariant() ?? "";

    private static int Uncertainty(string errorClass) => errorClass switch
    {
        "VALIDATION" or "NOT_FOUND" => 0,
        "AUTHENTICATION" or "AUTHORIZATION" or "RESOURCE_LIMIT" or "NOT_IMPLEMENTED" or "UNSUPPORTED_CLIENT" => 1,
        _ => 2,
    };
}
