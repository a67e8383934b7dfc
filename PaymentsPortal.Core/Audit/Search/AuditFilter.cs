namespace PaymentsPortal.Core.Audit.Search;

/// <summary>What a compliance officer narrows the trail to. Every criterion is optional; all that are set must hold.</summary>
public sealed record AuditFilter
{
    public static AuditFilter None { get; } = new();

    /// <summary>Inclusive lower bound of the entry's time.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Exclusive upper bound of the entry's time.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Part of the actor's name, or the actor's exact id.</summary>
    public string? Actor { get; init; }

    public AuditActionGroup? Group { get; init; }

    public AuditAction? Action { get; init; }

    public string? TargetType { get; init; }

    public string? TargetId { get; init; }

    public AuditOutcome? Outcome { get; init; }

    /// <summary>Found in the actor, target, reason or details.</summary>
    public string? Text { get; init; }

    public bool IsEmpty => this == None;
}
