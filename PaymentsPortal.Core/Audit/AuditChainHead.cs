namespace PaymentsPortal.Core.Audit;

/// <summary>The last link of one chain. Locking this row serialises appends to the chain, so there are no forks or gaps.</summary>
public sealed class AuditChainHead
{
    public Guid MerchantId { get; init; }

    public long LastSequence { get; set; }

    public byte[] LastHash { get; set; } = [];
}
