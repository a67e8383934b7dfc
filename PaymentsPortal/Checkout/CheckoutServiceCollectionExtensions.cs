namespace PaymentsPortal.Checkout;

public static class CheckoutServiceCollectionExtensions
{
    /// <summary>The web side of checkout: which card fields to mount, and the circuit's handle on their script.</summary>
    public static IServiceCollection AddPortalCheckout(this IServiceCollection services)
    {
        services.AddSingleton<CardFieldsSetups>();
        services.AddScoped<CardFieldsScript>();
        return services;
    }
}
