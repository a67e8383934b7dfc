using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Payments.Dashboard;
using PaymentsPortal.Core.Payments.Refunds;
using PaymentsPortal.Core.Payments.Details;
using PaymentsPortal.Core.Payments.Export;
using PaymentsPortal.Core.Payments.Links;
using PaymentsPortal.Core.Payments.Reconciliation;
using PaymentsPortal.Core.Payments.Search;

namespace PaymentsPortal.Core.Payments;

public static class PaymentsServiceCollectionExtensions
{
    /// <summary>The payment domain's services: the timeline every status change goes through, the payments list's search, the payment page's read, refunds, the dashboard and payment links.</summary>
    public static IServiceCollection AddPortalPayments(this IServiceCollection services)
    {
        services.AddSingleton<PaymentTimeline>();
        services.AddSingleton<PaymentSearch>();
        services.AddSingleton<RefundLedger>();
        services.AddSingleton<RefundExecutor>();
        services.AddSingleton<RefundSettlement>();
        services.AddSingleton<ChargeSettlement>();
        services.AddSingleton<RefundRequests>();
        services.AddSingleton<RefundDecisions>();
        services.AddSingleton<RefundReconciliation>();
        services.AddSingleton<RefundThresholds>();
        services.AddSingleton<RefundQueries>();
        services.AddSingleton<DashboardQueries>();
        services.AddSingleton<PaymentDailyStatsRollup>();
        services.AddSingleton<GatewayHealthQueries>();
        services.AddSingleton<PaymentDetails>();
        services.AddSingleton<PaymentExports>();
        services.AddSingleton<PaymentCsvExport>();
        services.AddSingleton<PaymentLinkLedger>();
        services.AddSingleton<PaymentLinks>();
        services.AddSingleton<PaymentLinkQueries>();
        services.AddSingleton<Disputes.DisputeQueries>();
        services.AddSingleton<Payouts.PayoutQueries>();
        services.AddSingleton<PaymentLinkCheckout>();
        return services;
    }
}
