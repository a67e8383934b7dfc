using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Sandbox.Plaid;

/// <summary>A simulated Item as a test sees it: a copy, so it never changes under the reader.</summary>
public sealed record PlaidSimulatedItem(
    string ItemId,
    string AccessToken,
    string InstitutionId,
    string? Webhook,
    string? ErrorCode,
    DateTimeOffset? ConsentExpirationTime,
    bool Removed,
    IReadOnlyList<PlaidSimulatedAccount> Accounts)
{
    // The access token is a credential: never in a log line or an assertion message.
    public override string ToString() => $"item {ItemId} at {InstitutionId}{(ErrorCode is null ? "" : " in " + ErrorCode)}";
}

public sealed record PlaidSimulatedAccount(string AccountId, string Name, string Subtype, string Mask, Money Available, Money Current, string? VerificationStatus);

/// <summary>One account of an Item, mutable under the state's lock.</summary>
internal sealed class PlaidAccountRecord(string accountId, PlaidAccountTemplate template, string? verificationStatus)
{
    public string AccountId { get; } = accountId;

    public PlaidAccountTemplate Template { get; } = template;

    public long AvailableCents { get; set; } = template.OpeningCurrentCents;

    public long CurrentCents { get; set; } = template.OpeningCurrentCents;

    public string? VerificationStatus { get; set; } = verificationStatus;

    public PlaidSimulatedAccount Snapshot() => new(AccountId, Template.Name, Template.Subtype, Template.Mask,
        new Money(AvailableCents, Currency.Usd), new Money(CurrentCents, Currency.Usd), VerificationStatus);
}

/// <summary>One Item (a login at an institution), mutable under the state's lock.</summary>
internal sealed class PlaidItemRecord(string itemId, string accessToken, PlaidInstitution institution, DateTimeOffset createdAt)
{
    public string ItemId { get; } = itemId;

    public string AccessToken { get; } = accessToken;

    public PlaidInstitution Institution { get; } = institution;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public List<PlaidAccountRecord> Accounts { get; } = [];

    public List<string> Products { get; } = [];

    public PlaidChangeLog Log { get; } = new();

    public string? Webhook { get; set; }

    public PlaidApiError? Error { get; set; }

    public DateTimeOffset? ConsentExpiration { get; set; }

    public bool Removed { get; set; }

    /// <summary>Plaid's transactions_update_status; NOT_READY makes /transactions/sync answer empty pages.</summary>
    public string UpdateStatus { get; set; } = "HISTORICAL_UPDATE_COMPLETE";

    public DateTimeOffset? LastSuccessfulUpdate { get; set; }

    public (string Code, DateTimeOffset SentAt)? LastWebhook { get; set; }

    /// <summary>Set by a test: the next /transactions/sync on a page cursor fails with TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION.</summary>
    public bool MutateDuringNextPage { get; set; }

    public PlaidAccountRecord? Account(string accountId) =>
        Accounts.FirstOrDefault(a => string.Equals(a.AccountId, accountId, StringComparison.Ordinal));

    public PlaidSimulatedItem Snapshot() => new(ItemId, AccessToken, Institution.InstitutionId, Webhook, Error?.ErrorCode, ConsentExpiration, Removed,
        [.. Accounts.Select(a => a.Snapshot())]);

    public override string ToString() => $"item {ItemId}";
}
