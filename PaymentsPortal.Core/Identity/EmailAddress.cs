using System.Net.Mail;

namespace PaymentsPortal.Core.Identity;

public static class EmailAddress
{
    public const int MaxLength = 254;

    /// <summary>A plain address (no display name part) of a sensible length.</summary>
    public static bool IsValid(string? value) =>
        !string.IsNullOrWhiteSpace(value)
        && value.Length <= MaxLength
        && MailAddress.TryCreate(value, out var parsed)
        && string.Equals(parsed.Address, value, StringComparison.Ordinal)
        && parsed.Host.Contains('.', StringComparison.Ordinal);
}
