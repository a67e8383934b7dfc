using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Payments.Links;

/// <summary>
/// A link a merchant hands to a customer to pay a fixed amount on the public page <c>/pay/{slug}</c>, until it expires,
/// is deactivated or (with <see cref="MaxUses"/>) has been paid that many times. How often it was used is never stored:
/// it is counted from the payments made through it, so a payment that fails frees its use again without anyone updating
/// the link. Tenant-owned, keyed by (merchant_id, id); the slug is unique across merchants because it alone finds the link.
/// </summary>
public sealed class PaymentLink : ITenantOwned
{
    /// <summary>The description becomes the payment's, which the virtual terminal also limits to this length.</summary>
    public const int DescriptionMaxLength = 500;

    /// <summary>A link lives at most this long: a payable URL should not outlive the price it quotes.</summary>
    public const int MaxLifetimeDays = 366;

    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(MaxLifetimeDays);

    public Guid MerchantId { get; init; }

    public Guid Id { get; init; }

    /// <summary>The unguessable part of the public URL (<see cref="PaymentLinkSlug"/>): whoever holds it may pay.</summary>
    public string Slug { get; init; } = "";

    public long AmountMinor { get; init; }

    public string CurrencyCode { get; init; } = "";

    public Money Amount => new(AmountMinor, Currency.From(CurrencyCode));

    /// <summary>What the customer is paying for; shown on the public page and stored on each payment.</summary>
    public string Description { get; init; } = "";

    public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>How many payments may use the link: 1 for a single-use link, null for no limit.</summary>
    public int? MaxUses { get; init; }

    public PaymentLinkStatus Status { get; private set; } = PaymentLinkStatus.Active;

    public Guid CreatedBy { get; init; }

    public string CreatedByName { get; init; } = "";

    public DateTimeOffset CreatedAt { get; init; }

    public Guid? DeactivatedBy { get; private set; }

    public string? DeactivatedByName { get; private set; }

    public DateTimeOffset? DeactivatedAt { get; private set; }

    /// <summary>Concurrency token: of two people deactivating at once, one wins and the other is told.</summary>
    public int Version { get; private set; } = 1;

    /// <summary>Whether a payment may start now, given how many payments already count as uses.</summary>
    public PaymentLinkAvailability AvailabilityAt(DateTimeOffset now, int uses) => this switch
    {
        { Status: PaymentLinkStatus.Deactivated } => PaymentLinkAvailability.Deactivated,
        _ when now >= ExpiresAt => PaymentLinkAvailability.Expired,
        { MaxUses: { } max } when uses >= max => PaymentLinkAvailability.UsedUp,
        _ => PaymentLinkAvailability.Payable,
    };

    public static PaymentLink Create(Guid merchantId, Guid id, string slug, Money amount, string description, DateTimeOffset expiresAt, int? maxUses,
        ActingUser by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(by);
        return new PaymentLink
        {
            MerchantId = merchantId,
            Id = id,
            Slug = slug,
            AmountMinor = amount.MinorUnits,
            CurrencyCode = amount.Currency.Code,
            Description = description,
            ExpiresAt = expiresAt,
            MaxUses = maxUses,
            CreatedBy = by.UserId,
            CreatedByName = by.DisplayName,
            CreatedAt = now,
        };
    }

    /// <summary>Stops the link for good; payments already made through it are not touched.</summary>
    public void Deactivate(ActingUser by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (Status == PaymentLinkStatus.Deactivated)
        {
            throw new InvalidOperationException($"Payment link {Id} is already deactivated.");
        }

        Status = PaymentLinkStatus.Deactivated;
        DeactivatedBy = by.UserId;
        DeactivatedByName = by.DisplayName;
        DeactivatedAt = now;
        Version++;
    }
}
