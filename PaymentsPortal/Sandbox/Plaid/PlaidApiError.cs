using System.Text.Json.Nodes;

namespace PaymentsPortal.Sandbox.Plaid;

/// <summary>
/// A Plaid error as the API returns it: error_type and error_code are what clients branch on, the HTTP status is Plaid's
/// broad class (400 for request, input, item, institution and sandbox errors, 429 for rate limits, 500 for API errors), and
/// the texts are Plaid's documented ones so a client's logs read the same against the simulator as against Plaid.
/// </summary>
public sealed record PlaidApiError(int Status, string ErrorType, string ErrorCode, string ErrorMessage, string? DisplayMessage = null, string? ErrorCodeReason = null)
{
    public static PlaidApiError InvalidApiKeys() =>
        new(400, "INVALID_INPUT", "INVALID_API_KEYS", "invalid client_id or secret provided");

    public static PlaidApiError InvalidAccessToken() =>
        new(400, "INVALID_INPUT", "INVALID_ACCESS_TOKEN", "could not find matching access token");

    public static PlaidApiError InvalidPublicToken(bool expired) => new(400, "INVALID_INPUT", "INVALID_PUBLIC_TOKEN", expired
        ? "provided public token is expired. Public tokens expire 30 minutes after creation at which point they can no longer be exchanged"
        : "could not find matching public token");

    public static PlaidApiError InvalidLinkToken(bool expired) => new(400, "INVALID_INPUT", "INVALID_LINK_TOKEN", expired
        ? "link token has expired" : "could not find matching link token");

    public static PlaidApiError InvalidAccountId() =>
        new(400, "INVALID_INPUT", "INVALID_ACCOUNT_ID", "one or more of the account IDs is invalid");

    public static PlaidApiError InvalidWebhookKeyId() => new(400, "INVALID_INPUT", "INVALID_WEBHOOK_VERIFICATION_KEY_ID",
        "invalid key_id provided. note that key_ids are specific to Plaid environments, and verification requests must be made to the same environment that the webhook was sent from");

    public static PlaidApiError InvalidBody() => new(400, "INVALID_REQUEST", "INVALID_BODY", "body could not be parsed as JSON");

    public static PlaidApiError MissingFields(IEnumerable<string> fields) =>
        new(400, "INVALID_REQUEST", "MISSING_FIELDS", "the following required fields are missing: " + string.Join(", ", fields));

    public static PlaidApiError UnknownFields(IEnumerable<string> fields) =>
        new(400, "INVALID_REQUEST", "UNKNOWN_FIELDS", "the following fields are not recognized by this endpoint: " + string.Join(", ", fields));

    public static PlaidApiError InvalidField(string message) => new(400, "INVALID_REQUEST", "INVALID_FIELD", message);

    public static PlaidApiError ItemLoginRequired(string? reason = null) => new(400, "ITEM_ERROR", "ITEM_LOGIN_REQUIRED",
        "the login details of this item have changed (credentials, MFA, or required user action) and a user login is required to update this information. use Link's update mode to restore the item to a good state",
        "To continue, please reconnect this account with your bank.", reason);

    public static PlaidApiError InvalidCredentials() => new(400, "ITEM_ERROR", "INVALID_CREDENTIALS",
        "the provided credentials were not correct", "The provided credentials were not correct. Please try again.");

    public static PlaidApiError ProductNotReady() => new(400, "ITEM_ERROR", "PRODUCT_NOT_READY",
        "the requested product is not yet ready. please provide a webhook or try the request again later");

    public static PlaidApiError InstitutionDown() => new(400, "INSTITUTION_ERROR", "INSTITUTION_DOWN",
        "this institution is not currently responding to this request. please try again soon",
        "This financial institution is not currently responding to requests. We apologize for the inconvenience.");

    public static PlaidApiError InstitutionNotFound() =>
        new(400, "INSTITUTION_ERROR", "INSTITUTION_NOT_FOUND", "this institution was not found. Please check the ID supplied");

    public static PlaidApiError BalanceRateLimit() => new(429, "RATE_LIMIT_EXCEEDED", "ACCOUNTS_BALANCE_GET_LIMIT",
        "rate limit exceeded for attempts to access this item. please try again later");

    public static PlaidApiError MutationDuringPagination() => new(400, "TRANSACTIONS_ERROR", "TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION",
        "Underlying transaction data changed since last page was fetched. Please restart pagination from last update.");

    public static PlaidApiError SandboxWebhookInvalid() => new(400, "SANDBOX_ERROR", "SANDBOX_WEBHOOK_INVALID",
        "Webhook for this item is either not set up, or invalid. Please update the item's webhook and try again.");

    public static PlaidApiError SandboxProductNotEnabled(string product) =>
        new(400, "SANDBOX_ERROR", "SANDBOX_PRODUCT_NOT_ENABLED", $"The {product} product is not enabled on this item");

    public static PlaidApiError InternalServerError() => new(500, "API_ERROR", "INTERNAL_SERVER_ERROR", "an unexpected error occurred");

    /// <summary>The body Plaid answers with (request_id set, status in the body as Plaid now includes it).</summary>
    public JsonObject ToJson(string? requestId) => Build(requestId, includeRequestId: true);

    /// <summary>The error object inside a webhook or an Item: request_id is omitted there, status is included.</summary>
    public JsonObject ToWebhookJson() => Build(null, includeRequestId: false);

    private JsonObject Build(string? requestId, bool includeRequestId)
    {
        var json = new JsonObject
        {
            ["error_type"] = ErrorType,
            ["error_code"] = ErrorCode,
            ["error_code_reason"] = ErrorCodeReason,
            ["error_message"] = ErrorMessage,
            ["display_message"] = DisplayMessage,
        };
        if (includeRequestId)
        {
            json["request_id"] = requestId;
        }

        json["causes"] = new JsonArray();
        json["status"] = Status;
        json["documentation_url"] = $"https://plaid.com/docs/errors/#{ErrorCode.ToLowerInvariant()}";
        json["suggested_action"] = null;
        return json;
    }

    public override string ToString() => $"{ErrorType} {ErrorCode} ({Status})";
}
