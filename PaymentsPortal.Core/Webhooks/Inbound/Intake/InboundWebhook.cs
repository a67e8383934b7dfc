namespace PaymentsPortal.Core.Webhooks.Inbound.Intake;

/// <summary>A verified event, ready to be stored in the inbox.</summary>
public sealed record InboundWebhook(
    Guid MerchantId, WebhookProvider Provider, string EventId, string EventType, bool Livemode, DateTimeOffset? OccurredAt, string Payload)
{
    public override string ToString() => $"{Provider} {EventType} {EventId} for merchant {MerchantId}";
}
