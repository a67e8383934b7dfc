using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Merchants;

public static class MerchantName
{
    /// <summary>Null when the name is acceptable, else what is wrong with it.</summary>
    public static string? Validate(string name) =>
        name.Trim().Length switch
        {
            < 2 => "Enter a merchant name of at least 2 characters.",
            > Merchant.NameMaxLength => $"A merchant name has at most {Merchant.NameMaxLength} characters.",
            _ => name.Any(char.IsControl) ? "A merchant name cannot contain control characters." : null,
        };
}
