namespace PaymentsPortal.Core.Idempotency;

/// <summary>What claiming a key found.</summary>
public enum IdempotencyClaimKind
{
    /// <summary>The key is new: this request owns it and must do the work.</summary>
    New = 1,

    /// <summary>The same request finished before: return <see cref="IdempotencyClaim.ResultJson"/>.</summary>
    Replay = 2,

    /// <summary>The same request is still running elsewhere: answer "in progress", do not start it again.</summary>
    InProgress = 3,

    /// <summary>The key was used with different parameters: a client bug, refused with a clear error.</summary>
    Mismatch = 4,
}

public sealed record IdempotencyClaim(IdempotencyClaimKind Kind, Guid ResourceId, string? ResultJson);
