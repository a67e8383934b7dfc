namespace PaymentsPortal.Core.Merchants;

/// <summary>A merchant just onboarded; <see cref="OneTimePassword"/> is set when its first admin's account is new.</summary>
public sealed record CreatedMerchant(Guid MerchantId, string AdminEmail, string? OneTimePassword);
