using Microsoft.Extensions.DependencyInjection;

namespace PaymentsPortal.Core.Payments;

public static class PaymentsServiceCollectionExtensions
{
    /// <summary>The payment domain's services: the timeline every status change goes through.</summary>
    public static IServiceCollection AddPortalPayments(this IServiceCollection services)
    {
        services.AddSingleton<PaymentTimeline>();
        return services;
    }
}
