using System.Globalization;
using System.Net;
using PaymentsPortal.Core.Redaction;

namespace PaymentsPortal.Core.Banking.Plaid;

/// <summary>
/// Turns Plaid's error object (and the HTTP status it came with) into a <see cref="PlaidFailure"/> with a message a
/// merchant admin can act on. Codes decide first, because they are specific (ITEM_LOGIN_REQUIRED is an ITEM_ERROR among
/// many); then the error type; then the status alone, for a reply without Plaid's body (a proxy's error page).
/// </summary>
public static class PlaidErrorClassifier
{
    /// <summary>Plaid's rate limits are per minute; without a Retry-After header a minute is the honest hint.</summary>
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromMinutes(1);

    /// <summary>Classifies an Item's standing error (<see cref="PlaidItem.Error"/>) or a webhook's error object.</summary>
    public static PlaidFailure Classify(PlaidError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return Classify(endpoint: null, status: null, error, retryAfter: null);
    }

    internal static PlaidFailure Classify(PlaidEndpoint? endpoint, HttpStatusCode? status, PlaidError? error, TimeSpan? retryAfter)
    {
        var code = Upper(error?.ErrorCode);
        var type = Upper(error?.ErrorType);
        var kind = KindOf(code, type, Upper(error?.ErrorCodeReason), status is null ? null : (int)status);
        var unknownOutcome = kind == PlaidFailureKind.Unavailable && endpoint is { ChangesState: true };
        var wait = kind == PlaidFailureKind.RateLimited ? retryAfter ?? DefaultRetryAfter : (TimeSpan?)null;
        return new PlaidFailure(
            kind,
            MessageFor(kind, endpoint, error, code, status, wait),
            error?.ErrorType,
            error?.ErrorCode,
            error?.ErrorCodeReason,
            Redacted(error?.ErrorMessage),
            Redacted(error?.DisplayMessage),
            error?.RequestId,
            status is null ? null : (int)status,
            wait,
            unknownOutcome);
    }

    /// <summary>No reply to classify: not reached, timed out, or a reply that could not be read.</summary>
    internal static PlaidFailure Unavailable(PlaidEndpoint endpoint, string developerMessage, int? httpStatus = null) =>
        new(PlaidFailureKind.Unavailable,
            MessageFor(PlaidFailureKind.Unavailable, endpoint, null, "", null, null),
            DeveloperMessage: Redacted(developerMessage),
            HttpStatus: httpStatus,
            OutcomeUnknown: endpoint.ChangesState);

    private static PlaidFailureKind KindOf(string code, string type, string reason, int? status) => code switch
    {
        "ITEM_LOGIN_REQUIRED" when reason == "OAUTH_CONSENT_EXPIRED" => PlaidFailureKind.ConsentExpiration,
        "ITEM_LOGIN_REQUIRED" => PlaidFailureKind.ItemLoginRequired,

        // Webhook codes rather than API errors, accepted so an Item's warning maps to the same remedy.
        "PENDING_EXPIRATION" or "PENDING_DISCONNECT" => PlaidFailureKind.ConsentExpiration,
        "TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION" => PlaidFailureKind.TransactionsSyncMutation,
        "PRODUCT_NOT_READY" => PlaidFailureKind.ProductNotReady,
        "INSTITUTION_DOWN" or "INSTITUTION_NOT_RESPONDING" or "INSTITUTION_NOT_AVAILABLE" => PlaidFailureKind.InstitutionDown,
        "INVALID_API_KEYS" or "UNAUTHORIZED_ENVIRONMENT" => PlaidFailureKind.InvalidCredentials,

        // A token Plaid does not know (malformed, another environment's, or its Item removed) has one remedy: link again.
        "ITEM_NOT_FOUND" or "INVALID_ACCESS_TOKEN" => PlaidFailureKind.ItemNotFound,
        _ => type switch
        {
            "RATE_LIMIT_EXCEEDED" => PlaidFailureKind.RateLimited,
            "INVALID_REQUEST" or "INVALID_INPUT" => PlaidFailureKind.InvalidRequest,

            // INTERNAL_SERVER_ERROR, PLANNED_MAINTENANCE: Plaid's side failed, possibly after acting.
            "API_ERROR" => PlaidFailureKind.Unavailable,
            "" => KindOfStatus(status),
            _ => status == 429 ? PlaidFailureKind.RateLimited : PlaidFailureKind.Other,
        },
    };

    private static PlaidFailureKind KindOfStatus(int? status) => status switch
    {
        429 => PlaidFailureKind.RateLimited,
        401 or 403 => PlaidFailureKind.InvalidCredentials,
        408 or >= 500 => PlaidFailureKind.Unavailable,
        >= 400 => PlaidFailureKind.InvalidRequest,
        _ => PlaidFailureKind.Other,
    };

    private static string MessageFor(PlaidFailureKind kind, PlaidEndpoint? endpoint, PlaidError? error, string code, HttpStatusCode? status, TimeSpan? wait)
    {
        var support = error?.RequestId is { Length: > 0 } id ? $" If it keeps happening, contact support with Plaid request id {id}." : "";
        return kind switch
        {
            PlaidFailureKind.ItemLoginRequired =>
                "Sign in to your bank again to reconnect this account. Until then its balances and transactions are not updated.",
            PlaidFailureKind.ConsentExpiration =>
                "Your permission for the portal to read this bank account has expired or is about to. Reconnect the account to renew it.",
            PlaidFailureKind.RateLimited =>
                $"Plaid is limiting how often this account can be read. Try again in {Describe(wait ?? DefaultRetryAfter)}.",
            PlaidFailureKind.InstitutionDown =>
                "Your bank is not answering Plaid at the moment. This is usually temporary: try again later.",
            PlaidFailureKind.ProductNotReady =>
                "Your bank's data is still being collected. Try again in a few minutes.",
            PlaidFailureKind.InvalidCredentials =>
                "Plaid rejected the portal's API keys for this environment. A platform administrator needs to check the Plaid settings.",
            PlaidFailureKind.InvalidRequest =>
                $"Plaid refused the request{Code(code, status)}. Nothing was changed.{support}",
            PlaidFailureKind.ItemNotFound =>
                "This bank connection no longer exists at Plaid (it was removed, or access was revoked at the bank). Link the account again.",
            PlaidFailureKind.TransactionsSyncMutation =>
                "The bank's transactions changed while they were being read. The update has to start again from the beginning.",
            PlaidFailureKind.Unavailable =>
                "Plaid could not be reached, did not answer in time, or answered unreadably. Try again in a few minutes." +
                (endpoint?.UncertainOutcome is { } uncertain ? " " + uncertain : ""),
            PlaidFailureKind.Other => string.IsNullOrWhiteSpace(error?.DisplayMessage)
                ? $"Plaid could not complete the request{Code(code, status)}.{support}"
                : Redacted(error.DisplayMessage)!,
        };
    }

    private static string Code(string code, HttpStatusCode? status) =>
        code.Length > 0 ? $" ({code})"
        : status is { } s ? string.Create(CultureInfo.InvariantCulture, $" (HTTP {(int)s})")
        : "";

    private static string Describe(TimeSpan wait) =>
        wait <= TimeSpan.FromSeconds(90)
            ? string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))} seconds")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)Math.Ceiling(wait.TotalMinutes)} minutes");

    private static string Upper(string? value) => value?.Trim().ToUpperInvariant() ?? "";

    private static string? Redacted(string? text) => text is null ? null : SensitiveDataRedactor.Redact(text);
}
