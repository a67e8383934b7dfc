namespace PaymentsPortal.Sandbox.Plaid;

/// <summary>
/// A Link session behind a link token: what /link/token/create configured, and how far the stand-in's user got (logged in at
/// a non-OAuth bank, or sent to an OAuth bank with an oauth_state_id). Mutable under the state's lock.
/// </summary>
internal sealed class PlaidLinkSession(string linkToken, DateTimeOffset expires, string linkSessionId)
{
    public string LinkToken { get; } = linkToken;

    public DateTimeOffset Expires { get; } = expires;

    public string LinkSessionId { get; } = linkSessionId;

    public required string ClientName { get; init; }

    public required IReadOnlyList<string> Products { get; init; }

    public string? Webhook { get; init; }

    public string? RedirectUri { get; init; }

    /// <summary>Update mode: the Item whose login this session repairs.</summary>
    public PlaidItemRecord? UpdateItem { get; init; }

    public string? LoggedInInstitutionId { get; set; }

    public string? OauthStateId { get; set; }

    public string? OauthInstitutionId { get; set; }
}

/// <summary>The URL rules Plaid applies to webhook and redirect_uri.</summary>
internal static class PlaidLinkRules
{
    public static PlaidApiError? WebhookProblem(string webhook) =>
        Uri.TryCreate(webhook, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? null
            : PlaidApiError.InvalidField("webhook must be an absolute http or https URL");

    /// <summary>Plaid requires https for redirect_uri; plain http is allowed for localhost, as in Plaid's sandbox.</summary>
    public static PlaidApiError? RedirectProblem(string redirectUri) =>
        Uri.TryCreate(redirectUri, UriKind.Absolute, out var url)
        && string.IsNullOrEmpty(url.Query) && string.IsNullOrEmpty(url.Fragment)
        && (url.Scheme == "https" || (url.Scheme == "http" && url.IsLoopback))
            ? null
            : PlaidApiError.InvalidField("redirect_uri must be an https URL (http only for localhost) without query or fragment");
}
