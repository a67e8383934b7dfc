namespace PaymentsPortal.Core.Banking.Plaid;

/// <summary>The reply of /link/token/create: the token the browser hands to Plaid Link, valid until <see cref="Expiration"/>.</summary>
public sealed record PlaidLinkToken(string LinkToken, DateTimeOffset Expiration, string RequestId);

/// <summary>
/// The reply of /item/public_token/exchange. Store <see cref="AccessToken"/> encrypted, at once: Plaid will not show it
/// again, and without it the Item can be neither read nor removed.
/// </summary>
public sealed record PlaidPublicTokenExchange(PlaidAccessToken AccessToken, string ItemId, string RequestId);

/// <summary>The reply of /sandbox/public_token/create.</summary>
public sealed record PlaidSandboxPublicToken(PlaidPublicToken PublicToken, string RequestId);

/// <summary>The reply of /item/get.</summary>
public sealed record PlaidItemResponse(PlaidItem Item, string RequestId);

/// <summary>The reply of /item/remove: the Item and its access token are gone at Plaid.</summary>
public sealed record PlaidItemRemoved(string RequestId);

/// <summary>
/// A login at one institution. <see cref="Error"/> is the Item's standing problem, if any (for instance
/// ITEM_LOGIN_REQUIRED): classify it with <see cref="PlaidErrorClassifier.Classify(PlaidError)"/>.
/// <see cref="ConsentExpirationTime"/> is when the user's consent runs out (some institutions only), and
/// <see cref="UpdateType"/> is "background" or "user_present_required".
/// </summary>
public sealed record PlaidItem(
    string ItemId,
    string? Webhook,
    PlaidError? Error,
    DateTimeOffset? ConsentExpirationTime,
    string? InstitutionId = null,
    string? UpdateType = null,
    IReadOnlyList<string>? AvailableProducts = null,
    IReadOnlyList<string>? BilledProducts = null);

/// <summary>
/// Plaid's error object, as an error reply's body and as an Item's <c>error</c>. <see cref="ErrorMessage"/> is for
/// developers and changes over time; <see cref="DisplayMessage"/> is meant for the end user and is often null. Codes
/// and types are what programs may branch on. All fields are optional here so that an odd error body is still read.
/// </summary>
public sealed record PlaidError(
    string? ErrorType = null,
    string? ErrorCode = null,
    string? ErrorCodeReason = null,
    string? ErrorMessage = null,
    string? DisplayMessage = null,
    string? RequestId = null);
