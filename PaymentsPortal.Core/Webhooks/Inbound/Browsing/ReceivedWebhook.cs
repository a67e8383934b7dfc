namespace PaymentsPortal.Core.Webhooks.Inbound.Browsing;

/// <summary>
/// One stored event as the Received events page shows it: who sent what, when, and what processing made of it. The payload is
/// left out: it can carry customer details, and the ids are what a person needs to find the event at the provider.
/// </summary>
public sealed record ReceivedWebhook(
    Guid Id,
    WebhookProvider Provider,
    string EventId,
    string EventType,
    bool Livemode,
    DateTimeOffset? OccurredAt,
    DateTimeOffset ReceivedAt,
    WebhookInboxStatus Status,
    int Attempts,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? ProcessedAt,
    string? LastError,
    string? Reason,
    Guid? PaymentId);

/// <summary>What the list is narrowed to: a status, a provider, and text found in the event's type or id (matched literally).</summary>
public sealed record ReceivedWebhookFilter(WebhookInboxStatus? Status = null, WebhookProvider? Provider = null, string? Text = null)
{
    public string? Search => string.IsNullOrWhiteSpace(Text) ? null : Text.Trim();
}

/// <summary>A page of events, newest first; <see cref="Next"/> is the id to continue after, null on the last page.</summary>
public sealed record ReceivedWebhookPage(IReadOnlyList<ReceivedWebhook> Rows, Guid? Next);
