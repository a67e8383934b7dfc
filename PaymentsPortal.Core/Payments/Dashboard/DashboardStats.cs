using PaymentsPortal.Core.Gateways;

namespace PaymentsPortal.Core.Payments.Dashboard;

/// <summary>Everything the dashboard's KPI panel and charts show for one period, computed from one aggregate pass.</summary>
public sealed record DashboardStats(
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<CurrencyKpis> ByCurrency,
    IReadOnlyList<DailyVolume> Volume,
    IReadOnlyList<GatewayOutcomes> ByGateway,
    long Payments,
    long Succeeded,
    long Failed,
    long FailedOver)
{
    /// <summary>Succeeded (refunded ones included) out of those that reached an outcome; null when none did.</summary>
    public double? SuccessRate => Succeeded + Failed == 0 ? null : (double)Succeeded / (Succeeded + Failed);

    /// <summary>Payments that moved on from a gateway they tried, out of all payments in the period.</summary>
    public double? FailoverRate => Payments == 0 ? null : (double)FailedOver / Payments;

    public static DashboardStats Of(DateTimeOffset from, DateTimeOffset to, IReadOnlyList<DayTotalsRow> days, IReadOnlyList<OutcomeTotalsRow> outcomes)
    {
        ArgumentNullException.ThrowIfNull(days);
        ArgumentNullException.ThrowIfNull(outcomes);
        var byCurrency = outcomes.GroupBy(r => r.Currency).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new CurrencyKpis(Currency.From(g.Key), g.Sum(r => r.CapturedMinor), g.Sum(r => r.RefundedMinor), g.Where(r => IsSucceeded(r.Status)).Sum(r => r.Count)))
            .ToList();
        var volume = days.GroupBy(r => (r.Day, r.Currency)).OrderBy(g => g.Key.Day).ThenBy(g => g.Key.Currency, StringComparer.Ordinal)
            .Select(g => new DailyVolume(DateOnly.FromDateTime(g.Key.Day), Currency.From(g.Key.Currency), g.Sum(r => r.CapturedMinor), g.Sum(r => r.Count)))
            .ToList();
        var byGateway = outcomes.Where(r => r.Gateway is not null).GroupBy(r => r.Gateway!).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new GatewayOutcomes(Enum.Parse<GatewayKind>(g.Key), g.Where(r => IsSucceeded(r.Status)).Sum(r => r.Count),
                g.Where(r => r.Status == nameof(PaymentStatus.Failed)).Sum(r => r.Count), g.Where(r => IsOpen(r.Status)).Sum(r => r.Count)))
            .ToList();
        return new DashboardStats(from, to, byCurrency, volume, byGateway,
            outcomes.Sum(r => r.Count), outcomes.Where(r => IsSucceeded(r.Status)).Sum(r => r.Count),
            outcomes.Where(r => r.Status == nameof(PaymentStatus.Failed)).Sum(r => r.Count), outcomes.Sum(r => r.FailedOverCount));
    }

    // Money was taken: refunds later do not turn a successful payment into an unsuccessful one.
    private static bool IsSucceeded(string status) =>
        status is nameof(PaymentStatus.Succeeded) or nameof(PaymentStatus.PartiallyRefunded) or nameof(PaymentStatus.Refunded);

    private static bool IsOpen(string status) => !IsSucceeded(status) && status is not (nameof(PaymentStatus.Failed) or nameof(PaymentStatus.Canceled));
}

/// <summary>Gross is what was captured, net is gross minus refunds; per currency, as money in different currencies does not add up.</summary>
public sealed record CurrencyKpis(Currency Currency, long GrossMinor, long RefundedMinor, long SucceededCount)
{
    public Money Gross => new(GrossMinor, Currency);

    public Money Refunded => new(RefundedMinor, Currency);

    public Money Net => new(GrossMinor - RefundedMinor, Currency);
}

public sealed record DailyVolume(DateOnly Day, Currency Currency, long CapturedMinor, long Count);

/// <summary>How the payments a gateway ended up holding came out; open means still processing, waiting or being reconciled.</summary>
public sealed record GatewayOutcomes(GatewayKind Gateway, long Succeeded, long Failed, long Open);
