namespace PaymentsPortal.Checkout;

public static class CheckoutServiceCollectionExtensions
{
    /// <summary>The web side of checkout: which card fields to mount, the circuit's handle on their script, and the checkout key's store.</summary>
    public static IServiceCollection AddPortalCheckout(this IServiceCollection services)
    {
        services.AddSingleton<CardFieldsSetups>();
        services.AddScoped<CardFieldsScript>();
        services.AddScoped<CheckoutKeyStore>();
        return services;
    }
}
