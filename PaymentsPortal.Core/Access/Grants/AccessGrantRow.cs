namespace PaymentsPortal.Core.Access.Grants;

/// <summary>One grant as the pages show it, with the names of the people involved.</summary>
public sealed record AccessGrantRow(
    Guid Id,
    Guid UserId,
    string MemberName,
    string MemberEmail,
    MerchantRole StandingRole,
    MerchantRole Role,
    TimeSpan Duration,
    string Justification,
    AccessGrantStatus Status,
    DateTimeOffset RequestedAt,
    string? DecidedByName,
    DateTimeOffset? DecidedAt,
    string? DecisionReason,
    DateTimeOffset? ExpiresAt,
    string? EndedByName,
    DateTimeOffset? EndedAt,
    string? EndReason)
{
    public bool IsActiveAt(DateTimeOffset now) => Status == AccessGrantStatus.Approved && ExpiresAt > now;

    public string StatusTextAt(DateTimeOffset now) => GrantText.StatusAt(Status, ExpiresAt, now);
}

/// <summary>A merchant's temporary access at a glance: what waits for a decision, what is in force, what happened before.</summary>
public sealed record AccessGrantOverview(
    IReadOnlyList<AccessGrantRow> Pending, IReadOnlyList<AccessGrantRow> Active, IReadOnlyList<AccessGrantRow> History);
