namespace PaymentsPortal.Core.Audit;

public enum AuditActorType
{
    User = 1,
    System = 2,
    Job = 3,
    Webhook = 4,
}
