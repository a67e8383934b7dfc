namespace PaymentsPortal.Core.Audit.Search;

/// <summary>The ranges of <see cref="AuditAction"/> codes: a group is its code divided by 1000.</summary>
public enum AuditActionGroup
{
    Account = 1,
    Payments = 2,
    Refunds = 3,
    Banking = 4,
    Administration = 5,
    AuditAccess = 6,
    JobsAndWebhooks = 7,
}

public static class AuditActionGroups
{
    public static AuditActionGroup Of(AuditAction action) => (AuditActionGroup)((int)action / 1000);

    public static string Describe(AuditActionGroup group) => group switch
    {
        AuditActionGroup.Account => "Sign-in and account",
        AuditActionGroup.Payments => "Payments",
        AuditActionGroup.Refunds => "Refunds",
        AuditActionGroup.Banking => "Banking",
        AuditActionGroup.Administration => "Users, roles and settings",
        AuditActionGroup.AuditAccess => "Audit access",
        AuditActionGroup.JobsAndWebhooks => "Jobs and webhooks",
        _ => $"Codes {(int)group * 1000}–{(int)group * 1000 + 999}",
    };
}
