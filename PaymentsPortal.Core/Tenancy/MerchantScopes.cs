using Microsoft.Extensions.DependencyInjection;

namespace PaymentsPortal.Core.Tenancy;

/// <summary>Short-lived DI scopes for one operation, so a DbContext never outlives the unit of work (a Blazor circuit would).</summary>
public static class MerchantScopes
{
    public static AsyncServiceScope CreateForMerchant(this IServiceScopeFactory scopes, Guid merchantId)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantScope>().Enter(merchantId);
        return scope;
    }

    public static AsyncServiceScope CreateForPlatform(this IServiceScopeFactory scopes) => scopes.CreateAsyncScope();
}
