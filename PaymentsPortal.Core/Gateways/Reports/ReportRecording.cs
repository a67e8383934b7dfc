namespace PaymentsPortal.Core.Gateways.Reports;

/// <summary>What recording a gateway's report about one of its objects (a dispute, a payout) did to the portal's copy.</summary>
public enum ReportRecording
{
    /// <summary>The portal had not heard of the object: it now has a row.</summary>
    Created = 1,

    /// <summary>The report moved the object on (a new status, amount or due date).</summary>
    Changed = 2,

    /// <summary>The report says what the portal already holds: a redelivery, or the sync reading back an event already applied.</summary>
    Unchanged = 3,

    /// <summary>Older than what the portal holds (out of order), or it would reopen something decided: ignored.</summary>
    Stale = 4,
}
