using System.Text;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Customers;

/// <summary>
/// A customer's email as a viewer may see it. Without <see cref="Permission.CustomerDataView"/> (Support) only the first
/// character of the local part and the domain are shown: enough to confirm "the j… at example.com" a customer names on
/// the phone, not enough to learn who they are. The mask has a fixed length, so it does not reveal the local part's either.
/// </summary>
public static class CustomerEmailMask
{
    public const string Hidden = "•••";

    /// <summary>The email unchanged for a viewer holding <see cref="Permission.CustomerDataView"/>, masked for anyone else.</summary>
    public static string? ShowTo(UserAccess viewer, string? email)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return viewer.Has(Permission.CustomerDataView) ? email : Mask(email);
    }

    /// <summary>"jane.doe@example.com" becomes "j•••@example.com"; text without an '@' is hidden entirely.</summary>
    public static string? Mask(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return email;
        }

        var trimmed = email.Trim();
        // The domain follows the last '@': a quoted local part may itself contain one.
        var at = trimmed.LastIndexOf('@');
        if (at < 0)
        {
            return Hidden;
        }

        var local = trimmed[..at];
        var first = local.Length > 0 && Rune.TryGetRuneAt(local, 0, out var rune) ? rune.ToString() : "";
        return first + Hidden + trimmed[at..];
    }
}
