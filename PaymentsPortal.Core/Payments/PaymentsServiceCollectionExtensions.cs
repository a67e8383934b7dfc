using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Payments.Details;
using PaymentsPortal.Core.Payments.Search;

namespace PaymentsPortal.Core.Payments;

public static class PaymentsServiceCollectionExtensions
{
    /// <summary>The payment domain's services: the timeline every status change goes through, the payments list's search and the payment page's read.</summary>
    public static IServiceCollection AddPortalPayments(this IServiceCollection services)
    {
        services.AddSingleton<PaymentTimeline>();
        services.AddSingleton<PaymentSearch>();
        services.AddSingleton<PaymentDetails>();
        return services;
    }
}
