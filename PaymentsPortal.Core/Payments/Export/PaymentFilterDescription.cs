using System.Globalization;
using PaymentsPortal.Core.Payments.Search;

namespace PaymentsPortal.Core.Payments.Export;

/// <summary>A filter as the name/value pairs an audit entry records: only the parts that narrow the list.</summary>
public static class PaymentFilterDescription
{
    public static Dictionary<string, string> Of(PaymentFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var parts = new Dictionary<string, string>();
        if (filter.Statuses is { Count: > 0 } statuses)
        {
            parts["status"] = string.Join(",", statuses.Order());
        }

        Add(parts, "created_from", filter.CreatedFrom?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        Add(parts, "created_before", filter.CreatedBefore?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        Add(parts, "amount_min", filter.MinimumAmount?.ToString(CultureInfo.InvariantCulture));
        Add(parts, "amount_max", filter.MaximumAmount?.ToString(CultureInfo.InvariantCulture));
        Add(parts, "currency", filter.Currency);
        Add(parts, "gateway", filter.Gateway?.ToString());
        Add(parts, "card_last4", filter.CardLast4);
        Add(parts, "customer_email", filter.CustomerEmail);
        Add(parts, "text", filter.Text);
        return parts;
    }

    private static void Add(Dictionary<string, string> parts, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            parts[name] = value.Trim();
        }
    }
}
