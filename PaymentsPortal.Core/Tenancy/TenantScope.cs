namespace PaymentsPortal.Core.Tenancy;

/// <summary>
/// The tenant scope of one DI scope (request, circuit or operation). Set once by whoever knows
/// the merchant: <see cref="CurrentAccess"/> after resolving the user, or a service acting for a merchant.
/// </summary>
public sealed class TenantScope : ITenantScope
{
    private Guid? merchantEntered;

    public Guid? MerchantId { get; private set; }

    public void Enter(Guid? merchantId)
    {
        // Leaving for no merchant is allowed: a circuit whose session ends (revalidation signs it
        // out) re-resolves its user as anonymous. Acting for a second merchant never is, not even after leaving.
        if (merchantId is not null && merchantEntered is not null && merchantId != merchantEntered)
        {
            throw new InvalidOperationException("A scope acts for one merchant; create a new scope for another.");
        }

        merchantEntered ??= merchantId;
        MerchantId = merchantId;
    }
}
