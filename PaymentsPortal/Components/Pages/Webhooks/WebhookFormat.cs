using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using PaymentsPortal.Components.Pages.Payments;
using PaymentsPortal.Core.Webhooks.Outbound;

namespace PaymentsPortal.Components.Pages.Webhooks;

/// <summary>How the webhooks pages write times, secrets, subscriptions and bodies: culture-independent, like the payment pages.</summary>
public static class WebhookFormat
{
    // Blazor HTML-encodes the text it renders, so the JSON need not escape <, > or non-ASCII letters as \u sequences: the Admin
    // reads the body as the receiver does.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>UTC to the second, or a dash for a time that has not come yet.</summary>
    public static string Time(DateTimeOffset? at) => at is { } known ? PaymentFormat.Time(known) : "—";

    /// <summary>"whsec_…abcd": the secret's prefix and its last four characters, enough to tell two secrets apart.</summary>
    public static string SecretHint(string hint) => WebhookSignature.SecretPrefix + hint;

    /// <summary>An endpoint's subscription; none listed means every type, including types added later.</summary>
    public static string Events(IReadOnlyCollection<string> types) => types.Count == 0 ? "All events" : string.Join(", ", types);

    public static string Duration(int milliseconds) => milliseconds < 1000
        ? string.Create(CultureInfo.InvariantCulture, $"{milliseconds} ms")
        : string.Create(CultureInfo.InvariantCulture, $"{milliseconds / 1000.0:0.0} s");

    /// <summary>"24 hours", "30 minutes": the grace period as the rotation dialog offers it.</summary>
    public static string Span(TimeSpan span) =>
        span.TotalHours >= 1 && span.TotalHours == Math.Floor(span.TotalHours)
            ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalHours:0} hour{(span.TotalHours == 1 ? "" : "s")}")
            : string.Create(CultureInfo.InvariantCulture, $"{Math.Ceiling(span.TotalMinutes):0} minute{(span.TotalMinutes <= 1 ? "" : "s")}");

    /// <summary>What an attempt came to, in a few words: the sender's reason for a failure ("HTTP 500", "no answer within 10 s"), else the status.</summary>
    public static string Outcome(int? statusCode, string? error) =>
        error ?? (statusCode is { } code ? string.Create(CultureInfo.InvariantCulture, $"HTTP {code}") : "—");

    /// <summary>The event's JSON indented for reading; a body that is not JSON is shown as stored.</summary>
    public static string PrettyJson(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return JsonSerializer.Serialize(document.RootElement, Indented);
        }
        catch (JsonException)
        {
            return body;
        }
    }
}
