namespace PaymentsPortal.Core.Payments.Dashboard;

/// <summary>One group of the dashboard's single aggregate pass: payments of one day, currency, gateway and status.</summary>
public sealed record PaymentStatsRow(
    DateTime Day, string Currency, string? Gateway, string Status, long Count, long CapturedMinor, long RefundedMinor, long FailedOverCount);
