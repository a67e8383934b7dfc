namespace PaymentsPortal.Core.Payouts;

/// <summary>Where a gateway's transfer of the merchant's balance to their bank stands.</summary>
public enum PayoutStatus
{
    /// <summary>Created, not yet sent to the bank.</summary>
    Pending = 1,

    /// <summary>Sent; the bank has not confirmed it yet.</summary>
    InTransit = 2,

    /// <summary>The gateway expects it in the bank account by its arrival date. It can still fail for a few days after.</summary>
    Paid = 3,

    /// <summary>The bank returned it; the money went back to the gateway balance.</summary>
    Failed = 4,

    /// <summary>Canceled before it was sent.</summary>
    Canceled = 5,
}

public static class PayoutStatuses
{
    /// <summary>Failed and canceled are final; Paid is not, because a bank can still return a paid payout.</summary>
    public static bool IsFinal(this PayoutStatus status) => status is PayoutStatus.Failed or PayoutStatus.Canceled;

    /// <summary>
    /// How far along a payout is. Gateway events carry whole seconds, so a payout's created and paid events often share one;
    /// between two reports of the same second, the one further along is the later.
    /// </summary>
    public static int Progress(this PayoutStatus status) => status switch
    {
        PayoutStatus.Pending => 1,
        PayoutStatus.InTransit => 2,
        PayoutStatus.Paid => 3,
        _ => 4,
    };
}
