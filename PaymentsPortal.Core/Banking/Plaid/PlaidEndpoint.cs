namespace PaymentsPortal.Core.Banking.Plaid;

/// <summary>
/// One Plaid endpoint we call, and what an unanswered call of it means. Reads are safe to repeat. The calls that
/// change state at Plaid say, in <see cref="UncertainOutcome"/>, what a merchant should know when no answer came back.
/// </summary>
internal sealed record PlaidEndpoint(string Path, string? UncertainOutcome = null)
{
    public static readonly PlaidEndpoint LinkTokenCreate = new("/link/token/create");

    public static readonly PlaidEndpoint PublicTokenExchange = new("/item/public_token/exchange",
        "Linking may or may not have completed at Plaid. If the account does not appear, link it again.");

    public static readonly PlaidEndpoint AccountsGet = new("/accounts/get");

    public static readonly PlaidEndpoint AccountsBalanceGet = new("/accounts/balance/get");

    public static readonly PlaidEndpoint AuthGet = new("/auth/get");

    public static readonly PlaidEndpoint TransactionsSync = new("/transactions/sync");

    public static readonly PlaidEndpoint ItemGet = new("/item/get");

    public static readonly PlaidEndpoint ItemRemove = new("/item/remove",
        "The account may or may not have been disconnected at Plaid; disconnecting it again is safe.");

    public static readonly PlaidEndpoint WebhookVerificationKeyGet = new("/webhook_verification_key/get");

    public static readonly PlaidEndpoint SandboxPublicTokenCreate = new("/sandbox/public_token/create",
        "A Sandbox test Item may or may not have been created.");

    public static IReadOnlyList<PlaidEndpoint> All { get; } =
    [
        LinkTokenCreate, PublicTokenExchange, AccountsGet, AccountsBalanceGet, AuthGet, TransactionsSync, ItemGet,
        ItemRemove, WebhookVerificationKeyGet, SandboxPublicTokenCreate,
    ];

    public bool ChangesState => UncertainOutcome is not null;

    /// <summary>The path relative to the base address (which ends in '/'), so a base with a path of its own keeps it.</summary>
    public string RelativePath => Path.TrimStart('/');
}
