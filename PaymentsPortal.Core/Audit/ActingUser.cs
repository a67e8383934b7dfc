namespace PaymentsPortal.Core.Audit;

/// <summary>
/// The signed-in person on whose behalf a use case runs, with where their request came from: what
/// administration use cases need to check self-service rules and to write their audit entries.
/// </summary>
public sealed record ActingUser(Guid UserId, string DisplayName, AuditOrigin Origin)
{
    public AuditActor Actor => AuditActor.User(UserId, DisplayName);
}
