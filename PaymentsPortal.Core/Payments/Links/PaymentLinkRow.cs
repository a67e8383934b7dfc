namespace PaymentsPortal.Core.Payments.Links;

/// <summary>A link as the staff list shows it, with its uses counted from its payments and what that makes it now.</summary>
public sealed record PaymentLinkRow(
    Guid Id,
    string Slug,
    Money Amount,
    string Description,
    DateTimeOffset ExpiresAt,
    int? MaxUses,
    int Uses,
    PaymentLinkAvailability Availability,
    DateTimeOffset CreatedAt,
    string CreatedByName,
    DateTimeOffset? DeactivatedAt,
    string? DeactivatedByName)
{
    /// <summary>The public page's path; the web layer puts the site's address in front.</summary>
    public string PublicPath => PaymentLinkRoutes.PublicPath(Slug);

    public static PaymentLinkRow Of(PaymentLink link, int uses, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(link);
        return new PaymentLinkRow(link.Id, link.Slug, link.Amount, link.Description, link.ExpiresAt, link.MaxUses, uses, link.AvailabilityAt(now, uses),
            link.CreatedAt, link.CreatedByName, link.DeactivatedAt, link.DeactivatedByName);
    }
}

/// <summary>Where links live on the site: one definition for the page's route, the staff list and the tests.</summary>
public static class PaymentLinkRoutes
{
    public const string PublicPrefix = "/pay/";

    public static string PublicPath(string slug) => PublicPrefix + slug;
}
