using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Webhooks.Inbound;

/// <summary>
/// One event a provider sent, stored exactly as received once its signature checked out, before anything acts on it.
/// Unique per merchant on (provider, event id), so a redelivery is acknowledged and stored once. The processor moves it
/// from Pending to Processed, Ignored or (after repeated failures) Failed, in the transaction of the effect it applies.
/// The application role cannot change what was received (payload, ids, type), only the processing columns.
/// </summary>
public sealed class WebhookInboxEntry : ITenantOwned
{
    /// <summary>Processing gives up after this many failures; the row stays Failed for a person to look at.</summary>
    public const int MaxAttempts = 8;

    public const int EventIdMaxLength = 255;
    public const int EventTypeMaxLength = 100;
    public const int NoteMaxLength = 500;

    public Guid MerchantId { get; init; }

    public Guid Id { get; init; }

    public WebhookProvider Provider { get; init; }

    /// <summary>The provider's event id (Stripe evt_…); for Braintree, which has none, the SHA-256 of the signed payload.</summary>
    public string EventId { get; init; } = "";

    /// <summary>Stripe's type (payment_intent.succeeded), Braintree's kind (transaction_settled).</summary>
    public string EventType { get; init; } = "";

    /// <summary>Stripe's livemode; for Braintree, whose notifications do not say, whether the merchant's keys are production keys.</summary>
    public bool Livemode { get; init; }

    /// <summary>When the provider says the event happened (Stripe's created, Braintree's timestamp).</summary>
    public DateTimeOffset? OccurredAt { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The signed text exactly as received: Stripe's JSON body, Braintree's bt_payload (base64 XML).</summary>
    public string Payload { get; init; } = "";

    public WebhookInboxStatus Status { get; set; } = WebhookInboxStatus.Pending;

    /// <summary>How many times processing failed (not counting the run that finished it).</summary>
    public int Attempts { get; set; }

    /// <summary>When the processor may take it (again); null once it is finished.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    public DateTimeOffset? ProcessedAt { get; set; }

    /// <summary>The last failure, short and redacted.</summary>
    public string? LastError { get; set; }

    /// <summary>What processing concluded, in words: "payment moved to Succeeded", "stale: the payment is already Refunded".</summary>
    public string? Reason { get; set; }

    /// <summary>The payment the event turned out to concern, when the portal knows it.</summary>
    public Guid? PaymentId { get; set; }
}
