using System.Globalization;
using System.Text;

namespace PaymentsPortal.Sandbox.Plaid;

/// <summary>
/// A /transactions/sync cursor: opaque base64 to the client, a position in the Item's change log to the simulator. A settled
/// cursor (Offset 0) points at a position; a page cursor (Offset &gt; 0) says "the updates from From to To, of which Offset
/// were delivered", which is only valid while the log still ends at To — a change in between is Plaid's
/// TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION, and the client restarts from the cursor of its first page.
/// </summary>
internal readonly record struct PlaidSyncCursor(string ItemId, string? AccountId, long From, long To, int Offset)
{
    public bool IsPage => Offset > 0;

    public static PlaidSyncCursor Settled(string itemId, string? accountId, long position) => new(itemId, accountId, position, position, 0);

    public string Encode() => Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Join('|',
        "v1", ItemId, AccountId ?? "", From.ToString(CultureInfo.InvariantCulture), To.ToString(CultureInfo.InvariantCulture), Offset.ToString(CultureInfo.InvariantCulture))));

    public static bool TryDecode(string text, out PlaidSyncCursor cursor)
    {
        cursor = default;
        var bytes = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, bytes, out var length))
        {
            return false;
        }

        var parts = Encoding.UTF8.GetString(bytes, 0, length).Split('|');
        if (parts is not ["v1", { Length: > 0 } item, var account, var from, var to, var offset]
            || !long.TryParse(from, NumberStyles.None, CultureInfo.InvariantCulture, out var fromValue)
            || !long.TryParse(to, NumberStyles.None, CultureInfo.InvariantCulture, out var toValue)
            || !int.TryParse(offset, NumberStyles.None, CultureInfo.InvariantCulture, out var offsetValue)
            || fromValue > toValue)
        {
            return false;
        }

        cursor = new PlaidSyncCursor(item, account.Length == 0 ? null : account, fromValue, toValue, offsetValue);
        return true;
    }
}
