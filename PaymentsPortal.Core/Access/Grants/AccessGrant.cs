using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Access.Grants;

/// <summary>
/// A member's request for a higher role in one merchant for a limited time, and what became of it.
/// Tenant-owned: keyed by (merchant_id, id) like memberships. The state changes below are the only
/// way its status moves; the use cases check the rules and lock the row before calling them.
/// </summary>
public sealed class AccessGrant : ITenantOwned
{
    public Guid MerchantId { get; init; }

    public Guid Id { get; init; }

    /// <summary>The member who asked, and who holds the role once approved.</summary>
    public Guid UserId { get; init; }

    /// <summary>The membership role when the request was made, kept for the history.</summary>
    public MerchantRole StandingRole { get; init; }

    public MerchantRole Role { get; init; }

    public int DurationMinutes { get; init; }

    public string Justification { get; init; } = "";

    public AccessGrantStatus Status { get; private set; } = AccessGrantStatus.Requested;

    public DateTimeOffset RequestedAt { get; init; }

    public Guid? DecidedBy { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public string? DecisionReason { get; private set; }

    /// <summary>Set at approval: the grant runs for its duration from then, not from the request.</summary>
    public DateTimeOffset? ExpiresAt { get; private set; }

    /// <summary>Who ended an approved grant early (null when it expired or was canceled).</summary>
    public Guid? EndedBy { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    public string? EndReason { get; private set; }

    public TimeSpan Duration => TimeSpan.FromMinutes(DurationMinutes);

    public bool IsOpen => Status is AccessGrantStatus.Requested or AccessGrantStatus.Approved;

    public bool IsActiveAt(DateTimeOffset now) => Status == AccessGrantStatus.Approved && ExpiresAt > now;

    /// <summary>Approved, but its time is up and nobody has recorded that yet.</summary>
    public bool IsDueToExpireAt(DateTimeOffset now) => Status == AccessGrantStatus.Approved && ExpiresAt <= now;

    public static AccessGrant Request(
        Guid merchantId, Guid userId, MerchantRole standingRole, MerchantRole role, TimeSpan duration, string justification, DateTimeOffset now) =>
        new()
        {
            MerchantId = merchantId,
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            StandingRole = standingRole,
            Role = role,
            DurationMinutes = (int)duration.TotalMinutes,
            Justification = justification,
            RequestedAt = now,
        };

    public void Approve(Guid adminId, string? reason, DateTimeOffset now)
    {
        Require(AccessGrantStatus.Requested);
        Status = AccessGrantStatus.Approved;
        (DecidedBy, DecidedAt, DecisionReason) = (adminId, now, reason);
        ExpiresAt = now + Duration;
    }

    public void Deny(Guid adminId, string reason, DateTimeOffset now)
    {
        Require(AccessGrantStatus.Requested);
        Status = AccessGrantStatus.Denied;
        (DecidedBy, DecidedAt, DecisionReason) = (adminId, now, reason);
    }

    /// <summary>The requester withdraws a pending request, or gives up a grant in force before its time.</summary>
    public void Cancel(Guid requesterId, DateTimeOffset now)
    {
        if (Status != AccessGrantStatus.Requested && !IsActiveAt(now))
        {
            throw new InvalidOperationException($"Only a pending request or a grant in force can be canceled; this one is {Status}.");
        }

        Status = AccessGrantStatus.Canceled;
        (EndedBy, EndedAt) = (requesterId, now);
    }

    public void Revoke(Guid adminId, string reason, DateTimeOffset now)
    {
        if (!IsActiveAt(now))
        {
            throw new InvalidOperationException($"Only a grant in force can be revoked; this one is {Status}.");
        }

        Status = AccessGrantStatus.Revoked;
        (EndedBy, EndedAt, EndReason) = (adminId, now, reason);
    }

    public void Expire(DateTimeOffset now)
    {
        if (!IsDueToExpireAt(now))
        {
            throw new InvalidOperationException("Only an approved grant whose time is up can expire.");
        }

        Status = AccessGrantStatus.Expired;
        // The grant stopped giving access at ExpiresAt; the sweep may notice a little later.
        EndedAt = ExpiresAt;
    }

    private void Require(AccessGrantStatus expected)
    {
        if (Status != expected)
        {
            throw new InvalidOperationException($"The grant is {Status}, not {expected}.");
        }
    }
}
