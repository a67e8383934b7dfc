using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace PaymentsPortal.Sandbox.Braintree;

/// <summary>A webhook notification the simulated account sends: its kind and the subject (transaction, dispute, disbursement) as the XML API shows it.</summary>
internal abstract record BraintreeNotice(string Kind)
{
    protected abstract XElement Subject();

    /// <summary>The notification XML, base64-encoded with line breaks every 60 characters as Braintree's payloads are: bt_payload.</summary>
    public string Payload(DateTimeOffset at)
    {
        var xml = new XElement("notification",
            new XElement("timestamp", new XAttribute("type", "datetime"), at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
            new XElement("kind", Kind),
            new XElement("subject", Subject()));
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(xml.ToString(SaveOptions.DisableFormatting)));
        var lines = new StringBuilder();
        for (var i = 0; i < base64.Length; i += 60)
        {
            lines.Append(base64.AsSpan(i, Math.Min(60, base64.Length - i))).Append('\n');
        }

        return lines.ToString();
    }

    protected static XElement Date(string name, DateTimeOffset day) =>
        new(name, new XAttribute("type", "date"), day.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    protected static XElement Nil(string name) => new(name, new XAttribute("nil", "true"));
}
