using System.Globalization;
using System.Xml.Linq;

namespace PaymentsPortal.Core.Webhooks.Inbound.Braintree;

/// <summary>
/// Reads values the way Braintree's XML API writes them: an element with nil="true" or no text is absent, dates are
/// yyyy-MM-dd (type="date") and booleans are true/false (type="boolean").
/// </summary>
public static class BraintreeXml
{
    public static string? Text(XElement? parent, string name) =>
        parent?.Element(name) is { } element && element.Attribute("nil")?.Value != "true" && element.Value.Trim() is { Length: > 0 } value ? value : null;

    /// <summary>A date as midnight UTC: Braintree's dates carry no time or zone, and its settlement days are UTC days.</summary>
    public static DateTimeOffset? Date(XElement? parent, string name) =>
        DateTime.TryParseExact(Text(parent, name), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date)
            ? new DateTimeOffset(date, TimeSpan.Zero)
            : null;

    public static bool? Boolean(XElement? parent, string name) => Text(parent, name) switch
    {
        "true" => true,
        "false" => false,
        _ => null,
    };
}
