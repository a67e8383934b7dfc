namespace PaymentsPortal.Core.Audit;

/// <summary>What a caller wants recorded; the trail adds time, chain position and hashes.</summary>
public sealed record AuditRecord(
    Guid? MerchantId,
    AuditAction Action,
    AuditOutcome Outcome,
    AuditActor Actor,
    string? TargetType = null,
    string? TargetId = null,
    string? Reason = null,
    object? Details = null,
    AuditOrigin? Origin = null);

/// <summary>Who acted: a user (id and display name) or the system, a job or a webhook by name.</summary>
public sealed record AuditActor(AuditActorType Type, string? Id, string Name)
{
    public static AuditActor User(Guid id, string displayName) => new(AuditActorType.User, id.ToString(), displayName);

    public static AuditActor System(string name) => new(AuditActorType.System, null, name);
}

/// <summary>Where the request came from.</summary>
public sealed record AuditOrigin(string? IpAddress, string? UserAgent)
{
    /// <summary>No request behind the action (a job, the command line) or nothing known about it.</summary>
    public static AuditOrigin None { get; } = new(null, null);
}
