using System.ComponentModel.DataAnnotations;

namespace PaymentsPortal.Core.Banking.Reconciliation;

/// <summary>Configuration section <c>Banking:Reconciliation</c>: how far a deposit may be from a payout and still be its match.</summary>
public sealed class ReconciliationOptions
{
    public const string Section = "Banking:Reconciliation";

    /// <summary>
    /// Days before the gateway's expected arrival date a deposit may post. Banks sometimes credit the day before the date the
    /// gateway gives; two days covers a time zone and a business-day difference.
    /// </summary>
    [Range(0, 10)]
    public int DaysBefore { get; set; } = 2;

    /// <summary>Days after the arrival date: a payout started on a Friday before a holiday can post four days later.</summary>
    [Range(0, 15)]
    public int DaysAfter { get; set; } = 4;

    /// <summary>How far outside the window a same-amount deposit is still shown as a near miss (with the days it is off by).</summary>
    [Range(1, 60)]
    public int NearMissDays { get; set; } = 14;

    /// <summary>How far the amount of an in-window deposit may differ, in percent of the payout, to be shown as a near miss.</summary>
    [Range(1, 50)]
    public int NearMissAmountPercent { get; set; } = 5;

    /// <summary>How far back payouts are reconciled and shown.</summary>
    [Range(7, 730)]
    public int LookbackDays { get; set; } = 120;
}
