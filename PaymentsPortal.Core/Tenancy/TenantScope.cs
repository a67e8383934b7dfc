namespace PaymentsPortal.Core.Tenancy;

/// <summary>
/// The tenant scope of one DI scope (request, circuit or operation). Set once by whoever knows
/// the merchant: <see cref="CurrentAccess"/> after resolving the user, or a service acting for a merchant.
/// </summary>
public sealed class TenantScope : ITenantScope
{
    public Guid? MerchantId { get; private set; }

    public void Enter(Guid? merchantId)
    {
        if (MerchantId is not null && MerchantId != merchantId)
        {
            throw new InvalidOperationException("A scope acts for one merchant; create a new scope for another.");
        }

        MerchantId = merchantId;
    }
}
