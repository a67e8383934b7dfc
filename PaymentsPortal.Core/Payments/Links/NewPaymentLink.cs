namespace PaymentsPortal.Core.Payments.Links;

/// <summary>
/// A link as staff asked for it. The amount is the text they typed in major units ("12.50"), read exactly in the
/// currency's minor units by the use case, so a form and any other caller get the same checks.
/// </summary>
/// <param name="MaxUses">1 for a single-use link; null for no limit.</param>
public sealed record NewPaymentLink(string? Amount, string? CurrencyCode, string? Description, DateTimeOffset ExpiresAt, int? MaxUses);
