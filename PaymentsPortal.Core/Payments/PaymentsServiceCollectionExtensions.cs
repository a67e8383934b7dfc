using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Payments.Dashboard;
using PaymentsPortal.Core.Payments.Refunds;
using PaymentsPortal.Core.Payments.Search;

namespace PaymentsPortal.Core.Payments;

public static class PaymentsServiceCollectionExtensions
{
    /// <summary>The payment domain's services: the timeline every status change goes through, and the payments list's search, and refunds.</summary>
    public static IServiceCollection AddPortalPayments(this IServiceCollection services)
    {
        services.AddSingleton<PaymentTimeline>();
        services.AddSingleton<PaymentSearch>();
        services.AddSingleton<RefundLedger>();
        services.AddSingleton<RefundExecutor>();
        services.AddSingleton<RefundRequests>();
        services.AddSingleton<RefundDecisions>();
        services.AddSingleton<RefundReconciliation>();
        services.AddSingleton<RefundThresholds>();
        services.AddSingleton<RefundQueries>();
        services.AddSingleton<DashboardQueries>();
        services.AddSingleton<GatewayHealthQueries>();
        return services;
    }
}
