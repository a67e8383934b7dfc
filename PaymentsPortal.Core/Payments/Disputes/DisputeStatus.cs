namespace PaymentsPortal.Core.Payments.Disputes;

/// <summary>
/// Where a card dispute (chargeback) stands, in the portal's words. The gateway's own status (Stripe's needs_response,
/// warning_under_review…) is kept beside it, so nothing the gateway said is lost in the mapping.
/// </summary>
public enum DisputeStatus
{
    /// <summary>Opened; the merchant must answer with evidence before the due date or lose it.</summary>
    NeedsResponse = 1,

    /// <summary>Evidence was submitted; the card network is deciding.</summary>
    UnderReview = 2,

    /// <summary>Decided for the merchant: the money comes back.</summary>
    Won = 3,

    /// <summary>Decided for the cardholder: the money stays with them.</summary>
    Lost = 4,

    /// <summary>An inquiry that ended without becoming a chargeback, or one the issuer withdrew.</summary>
    Closed = 5,
}

public static class DisputeStatuses
{
    /// <summary>Won, lost or closed: a dispute that has been decided never reopens, so a later "open" report is stale.</summary>
    public static bool IsDecided(this DisputeStatus status) => status is DisputeStatus.Won or DisputeStatus.Lost or DisputeStatus.Closed;

    /// <summary>How far along a dispute is; between two reports of the same second (events carry whole seconds), the one further along is the later.</summary>
    public static int Progress(this DisputeStatus status) => status switch
    {
        DisputeStatus.NeedsResponse => 1,
        DisputeStatus.UnderReview => 2,
        _ => 3,
    };
}
