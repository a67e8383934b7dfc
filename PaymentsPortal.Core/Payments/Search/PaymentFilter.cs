using PaymentsPortal.Core.Gateways;

namespace PaymentsPortal.Core.Payments.Search;

/// <summary>
/// What the payments list is narrowed to. Every part is optional and they all apply together. Amounts are minor units
/// of the payment's own currency, so a range is meaningful with <see cref="Currency"/> set.
/// </summary>
/// <param name="Text">A payment id, a gateway reference (pi_…, a Braintree transaction id), or words of the description.</param>
public sealed record PaymentFilter(
    IReadOnlyCollection<PaymentStatus>? Statuses = null,
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedBefore = null,
    long? MinimumAmount = null,
    long? MaximumAmount = null,
    string? Currency = null,
    GatewayKind? Gateway = null,
    string? CardLast4 = null,
    string? CustomerEmail = null,
    string? Text = null)
{
    public static readonly PaymentFilter None = new();
}
