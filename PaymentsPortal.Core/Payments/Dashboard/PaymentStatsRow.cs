namespace PaymentsPortal.Core.Payments.Dashboard;

/// <summary>One group of the live aggregate over payments: payments of one day, currency, gateway and status.</summary>
public sealed record PaymentStatsRow(
    DateTime Day, string Currency, string? Gateway, string Status, long Count, long CapturedMinor, long RefundedMinor, long FailedOverCount)
{
    /// <summary>Live groups as the two shapes the dashboard sums: per day for the chart, per outcome for everything else.</summary>
    public static (IEnumerable<DayTotalsRow> Days, IEnumerable<OutcomeTotalsRow> Outcomes) Split(IReadOnlyCollection<PaymentStatsRow> rows) =>
        (rows.Select(r => new DayTotalsRow(r.Day, r.Currency, r.Count, r.CapturedMinor)),
         rows.Select(r => new OutcomeTotalsRow(r.Currency, r.Gateway, r.Status, r.Count, r.CapturedMinor, r.RefundedMinor, r.FailedOverCount)));
}

/// <summary>Payments and captured money of one day in one currency: the volume chart's bars.</summary>
public sealed record DayTotalsRow(DateTime Day, string Currency, long Count, long CapturedMinor);

/// <summary>Payments of the period in one currency that ended with one gateway in one status: the KPIs and the gateway chart.</summary>
public sealed record OutcomeTotalsRow(string Currency, string? Gateway, string Status, long Count, long CapturedMinor, long RefundedMinor, long FailedOverCount);

/// <summary>A row of the rolled-up read: per day and currency when <paramref name="PerDay"/>, otherwise per currency, gateway and status.</summary>
public sealed record RolledTotalsRow(
    bool PerDay, DateTime? Day, string Currency, string? Gateway, string? Status, long Count, long CapturedMinor, long RefundedMinor, long FailedOverCount);
