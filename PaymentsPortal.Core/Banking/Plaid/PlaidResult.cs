using System.Diagnostics.CodeAnalysis;

namespace PaymentsPortal.Core.Banking.Plaid;

/// <summary>Creates <see cref="PlaidResult{T}"/> values.</summary>
public static class PlaidResult
{
    public static PlaidResult<T> Success<T>(T value)
        where T : class => new(value ?? throw new ArgumentNullException(nameof(value)), null);

    public static PlaidResult<T> Failed<T>(PlaidFailure failure)
        where T : class => new(null, failure ?? throw new ArgumentNullException(nameof(failure)));
}

/// <summary>What a Plaid call produced: the reply, or a classified failure. Expected failures never throw.</summary>
public sealed record PlaidResult<T>
    where T : class
{
    internal PlaidResult(T? value, PlaidFailure? failure)
    {
        Value = value;
        Failure = failure;
    }

    public T? Value { get; }

    public PlaidFailure? Failure { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => Failure is null;
}

/// <summary>The kinds of failure callers act on differently.</summary>
public enum PlaidFailureKind
{
    /// <summary>ITEM_LOGIN_REQUIRED: the bank wants the user to sign in again (Link in update mode).</summary>
    ItemLoginRequired,

    /// <summary>The user's consent expired (OAUTH_CONSENT_EXPIRED) or is about to (PENDING_EXPIRATION, PENDING_DISCONNECT): update mode.</summary>
    ConsentExpiration,

    /// <summary>RATE_LIMIT_EXCEEDED or HTTP 429: nothing was done; try again after <see cref="PlaidFailure.RetryAfter"/>.</summary>
    RateLimited,

    /// <summary>INSTITUTION_DOWN, INSTITUTION_NOT_RESPONDING, INSTITUTION_NOT_AVAILABLE: the bank, not Plaid, is failing.</summary>
    InstitutionDown,

    /// <summary>PRODUCT_NOT_READY: Plaid is still pulling the data; try again later (or wait for the webhook).</summary>
    ProductNotReady,

    /// <summary>INVALID_API_KEYS, UNAUTHORIZED_ENVIRONMENT, HTTP 401/403: our client id or secret is wrong for this environment.</summary>
    InvalidCredentials,

    /// <summary>INVALID_REQUEST, INVALID_INPUT (other codes): Plaid refused the request as we built it; nothing was done.</summary>
    InvalidRequest,

    /// <summary>ITEM_NOT_FOUND, INVALID_ACCESS_TOKEN: the Item is gone (removed, revoked) or the token is not Plaid's; link again.</summary>
    ItemNotFound,

    /// <summary>
    /// TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION: transactions changed while pages were read. Discard the pages of this
    /// run and restart from the cursor the run began with (not the last next_cursor).
    /// </summary>
    TransactionsSyncMutation,

    /// <summary>
    /// Plaid was not reached, timed out, answered 5xx (API_ERROR) or unreadably. For a call that changes state
    /// (<see cref="PlaidFailure.OutcomeUnknown"/>) the change may or may not have happened.
    /// </summary>
    Unavailable,

    /// <summary>Any other Plaid error; <see cref="PlaidFailure.ErrorCode"/> says which.</summary>
    Other,
}

/// <summary>
/// A failed Plaid call. <see cref="Message"/> is plain English a merchant admin can act on; the Plaid fields are for
/// support and logs (<see cref="RequestId"/> is what Plaid's support asks for). No field ever holds the API secret or
/// a token: Plaid's texts pass the redactor, and the client strips its own secret from them as well.
/// </summary>
/// <param name="DeveloperMessage">Plaid's error_message, or what failed on the wire; not for merchants.</param>
/// <param name="DisplayMessage">Plaid's display_message, written for the bank's customer; often null.</param>
/// <param name="RetryAfter">For <see cref="PlaidFailureKind.RateLimited"/>: how long to wait before trying again.</param>
/// <param name="OutcomeUnknown">True when a state-changing call (exchange, item remove) may nevertheless have taken effect.</param>
public sealed record PlaidFailure(
    PlaidFailureKind Kind,
    string Message,
    string? ErrorType = null,
    string? ErrorCode = null,
    string? ErrorCodeReason = null,
    string? DeveloperMessage = null,
    string? DisplayMessage = null,
    string? RequestId = null,
    int? HttpStatus = null,
    TimeSpan? RetryAfter = null,
    bool OutcomeUnknown = false);
