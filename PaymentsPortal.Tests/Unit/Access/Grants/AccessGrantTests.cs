using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Access.Grants;

namespace PaymentsPortal.Tests.Unit.Access.Grants;

/// <summary>The grant's state machine: only the moves the issue describes, each once.</summary>
[Trait("Tier", "Unit")]
public sealed class AccessGrantTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Admin = Guid.NewGuid();
    private static readonly Guid Member = Guid.NewGuid();

    [Fact]
    public void Approve_Request_RunsForItsDurationFromApproval()
    {
        var grant = NewRequest();

        grant.Approve(Admin, null, Start.AddMinutes(5));

        Assert.Equal(Start.AddMinutes(65), grant.ExpiresAt);
        Assert.True(grant.IsActiveAt(Start.AddMinutes(64)));
        Assert.False(grant.IsActiveAt(Start.AddMinutes(65)));
        Assert.True(grant.IsDueToExpireAt(Start.AddMinutes(65)));
    }

    [Fact]
    public void Approve_Twice_Throws()
    {
        var grant = NewRequest();
        grant.Approve(Admin, null, Start);

        Assert.Throws<InvalidOperationException>(() => grant.Approve(Admin, null, Start));
        Assert.Throws<InvalidOperationException>(() => grant.Deny(Admin, "no", Start));
    }

    [Fact]
    public void Revoke_OnlyWhileInForce()
    {
        var pending = NewRequest();
        Assert.Throws<InvalidOperationException>(() => pending.Revoke(Admin, "no", Start));

        var grant = NewRequest();
        grant.Approve(Admin, null, Start);
        Assert.Throws<InvalidOperationException>(() => grant.Revoke(Admin, "late", Start.AddHours(2)));

        grant.Revoke(Admin, "done", Start.AddMinutes(10));
        Assert.Equal((AccessGrantStatus.Revoked, Admin, Start.AddMinutes(10)), (grant.Status, grant.EndedBy, grant.EndedAt));
        Assert.False(grant.IsActiveAt(Start.AddMinutes(11)));
    }

    [Fact]
    public void Expire_OnlyOnceItsTimeIsUp_EndsAtTheExpiryNotAtTheSweep()
    {
        var grant = NewRequest();
        grant.Approve(Admin, null, Start);
        Assert.Throws<InvalidOperationException>(() => grant.Expire(Start.AddMinutes(59)));

        grant.Expire(Start.AddMinutes(75));

        Assert.Equal((AccessGrantStatus.Expired, Start.AddHours(1)), (grant.Status, grant.EndedAt));
        Assert.Throws<InvalidOperationException>(() => grant.Expire(Start.AddMinutes(80)));
    }

    [Fact]
    public void Cancel_PendingOrInForce_ButNotAfterTheEnd()
    {
        var pending = NewRequest();
        pending.Cancel(Member, Start);
        Assert.Equal(AccessGrantStatus.Canceled, pending.Status);

        var active = NewRequest();
        active.Approve(Admin, null, Start);
        active.Cancel(Member, Start.AddMinutes(1));
        Assert.False(active.IsActiveAt(Start.AddMinutes(2)));

        var denied = NewRequest();
        denied.Deny(Admin, "no", Start);
        Assert.Throws<InvalidOperationException>(() => denied.Cancel(Member, Start));
    }

    private static AccessGrant NewRequest() =>
        AccessGrant.Request(Guid.NewGuid(), Member, MerchantRole.Viewer, MerchantRole.Compliance, TimeSpan.FromHours(1), "Investigating ticket 4711", Start);
}
