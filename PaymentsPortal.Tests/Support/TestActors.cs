using PaymentsPortal.Core.Audit;

namespace PaymentsPortal.Tests.Support;

/// <summary>Actors for calling administration use cases directly, with a recognisable origin in the audit trail.</summary>
public static class TestActors
{
    public static AuditOrigin Origin { get; } = new("192.0.2.10", "PaymentsPortal.Tests");

    /// <summary>An actor who is none of the users involved, for calls where who acts does not matter.</summary>
    public static ActingUser Someone => new(Guid.NewGuid(), "Test administrator", Origin);

    public static ActingUser For(Guid userId, string displayName = "Test administrator") => new(userId, displayName, Origin);
}
