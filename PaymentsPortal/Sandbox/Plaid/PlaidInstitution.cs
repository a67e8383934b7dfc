namespace PaymentsPortal.Sandbox.Plaid;

/// <summary>One account an institution opens for every new Item: a depository checking or savings account.</summary>
/// <param name="AccountNumber">Plaid's sandbox-style fake number (1111222233330000 …); the mask is its last four digits.</param>
/// <param name="OpeningCurrentCents">The current balance the seeded history ends on, in cents.</param>
public sealed record PlaidAccountTemplate(string Name, string OfficialName, string Subtype, string AccountNumber, long OpeningCurrentCents)
{
    public string Mask => AccountNumber[^4..];
}

/// <summary>
/// A simulated financial institution, named after Plaid's own sandbox institutions. Routing and account numbers are the
/// obviously fake ones Plaid's sandbox returns (routing 011401533, accounts 1111222233330000 …), never a real bank's.
/// </summary>
/// <param name="Oauth">An OAuth institution: Link sends the user to the bank and back to the link token's redirect_uri.</param>
/// <param name="AuthMethod">Plaid's item.auth_method; AUTOMATED_MICRODEPOSITS makes /auth/get answer PRODUCT_NOT_READY until verified.</param>
/// <param name="ConsentDays">Days an OAuth consent lasts (consent_expiration_time); null when the bank sets no expiry.</param>
public sealed record PlaidInstitution(
    string InstitutionId,
    string Name,
    bool Oauth,
    string AuthMethod,
    string RoutingNumber,
    IReadOnlyList<PlaidAccountTemplate> Accounts,
    int? ConsentDays = null)
{
    public const string FirstPlatypusBank = "ins_109508";
    public const string FirstGinghamCreditUnion = "ins_109509";
    public const string PlatypusOauthBank = "ins_127287";

    /// <summary>The products every simulated institution supports.</summary>
    public static IReadOnlyList<string> SupportedProducts { get; } = ["auth", "balance", "transactions"];

    /// <summary>Plaid's sandbox login that succeeds; any other password is INVALID_CREDENTIALS, as in Plaid's sandbox.</summary>
    public const string GoodUsername = "user_good";

    public const string GoodPassword = "pass_good";

    public static IReadOnlyList<PlaidInstitution> All { get; } =
    [
        new(FirstPlatypusBank, "First Platypus Bank", Oauth: false, "INSTANT_AUTH", "011401533",
        [
            new("Plaid Checking", "Plaid Gold Standard 0% Interest Checking", "checking", "1111222233330000", 2_431_055),
            new("Plaid Saving", "Plaid Silver Standard 0.1% Interest Saving", "savings", "1111222233331111", 5_120_000),
        ]),
        new(PlatypusOauthBank, "Platypus OAuth Bank", Oauth: true, "INSTANT_AUTH", "011401533",
        [
            new("Business Checking", "Platypus Business Advantage Checking", "checking", "1111222233332222", 8_760_412),
            new("Business Savings", "Platypus Business Reserve Savings", "savings", "1111222233333333", 15_000_000),
        ], ConsentDays: 365),
        new(FirstGinghamCreditUnion, "First Gingham Credit Union", Oauth: false, "AUTOMATED_MICRODEPOSITS", "011401533",
        [
            new("Share Draft Checking", "Gingham Share Draft Checking", "checking", "1111222233334444", 1_204_377),
            new("Share Savings", "Gingham Regular Share Savings", "savings", "1111222233335555", 310_000),
        ]),
    ];

    public static PlaidInstitution? Find(string? institutionId) =>
        All.FirstOrDefault(i => string.Equals(i.InstitutionId, institutionId, StringComparison.Ordinal));

    /// <summary>Accounts of a micro-deposit Item start unverified; instant-auth accounts carry no verification_status, as on Plaid.</summary>
    public string? InitialVerificationStatus => AuthMethod == "AUTOMATED_MICRODEPOSITS" ? "pending_automatic_verification" : null;

    public override string ToString() => $"{Name} ({InstitutionId})";
}
