using System.Globalization;

namespace PaymentsPortal.Core.Payments.Search;

/// <summary>
/// Where a page ends, in one sort order: the sort key (creation time in ticks, or the amount in minor units) and the
/// payment id that breaks ties. Its text form goes into the URL; a cursor from another order is refused rather than
/// silently misread.
/// </summary>
public sealed record PaymentCursor(PaymentSort Sort, long Key, Guid Id)
{
    public static PaymentCursor After(PaymentSort sort, PaymentRow row) =>
        new(sort, sort is PaymentSort.LargestFirst or PaymentSort.SmallestFirst ? row.AmountMinor : row.CreatedAt.UtcTicks, row.Id);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{(int)Sort}.{Key}.{Id:N}");

    /// <summary>Reads a cursor written by <see cref="ToString"/> for the same order; false for anything else.</summary>
    public static bool TryParse(string? text, PaymentSort sort, out PaymentCursor? cursor)
    {
        cursor = null;
        var parts = text?.Split('.');
        if (parts is not { Length: 3 }
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var written) || written != (int)sort
            || !long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var key)
            || !Guid.TryParseExact(parts[2], "N", out var id))
        {
            return false;
        }

        cursor = new PaymentCursor(sort, key, id);
        return true;
    }
}
