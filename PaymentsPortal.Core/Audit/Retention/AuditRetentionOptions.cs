namespace PaymentsPortal.Core.Audit.Retention;

/// <summary>How long the audit trail is kept (section <c>Audit:Retention</c>).</summary>
public sealed class AuditRetentionOptions
{
    /// <summary>PCI DSS v4 10.5.1 asks for at least 12 months; the procedure refuses anything shorter.</summary>
    public const int MinimumMonths = 12;

    /// <summary>Whole calendar months kept before the current one.</summary>
    public int Months { get; set; } = 13;

    /// <summary>Off until the operator has decided on a policy: removal is irreversible.</summary>
    public bool Enabled { get; set; }
}
