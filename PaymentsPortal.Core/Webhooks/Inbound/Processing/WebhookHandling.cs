namespace PaymentsPortal.Core.Webhooks.Inbound.Processing;

/// <summary>
/// What a handler concluded about one event, recorded on its inbox row with the reason. <see cref="Effect"/> says it changed a
/// payment or refund (audited 7100 beside the change); <see cref="Conflict"/> that it contradicts the portal's records and a
/// person must look (audited 7101); <see cref="Deferred"/> that it cannot be decided yet and is taken again later.
/// </summary>
public sealed record WebhookHandling(WebhookInboxStatus Status, string Reason, Guid? PaymentId, bool Effect = false, bool Conflict = false, bool Deferred = false)
{
    /// <summary>
    /// Run once the event's transaction has committed (never when it rolls back): wakes work that must see the handler's changes,
    /// which a signal raised inside the transaction could look for too early.
    /// </summary>
    public Action? AfterCommit { get; init; }

    /// <summary>The event changed a payment or refund.</summary>
    public static WebhookHandling Applied(string reason, Guid paymentId) => new(WebhookInboxStatus.Processed, reason, paymentId, Effect: true);

    /// <summary>The event says what the portal already holds (a redelivered or repeated event): nothing to change.</summary>
    public static WebhookHandling Confirmed(string reason, Guid? paymentId) => new(WebhookInboxStatus.Processed, reason, paymentId);

    /// <summary>Nothing to do: unknown type, unknown payment, or a stale, out-of-order event the state machine must not follow.</summary>
    public static WebhookHandling Ignored(string reason, Guid? paymentId = null) => new(WebhookInboxStatus.Ignored, reason, paymentId);

    /// <summary>The event contradicts the portal's records; nothing changes on its word.</summary>
    public static WebhookHandling Conflicting(string reason, Guid? paymentId) => new(WebhookInboxStatus.Ignored, reason, paymentId, Conflict: true);

    /// <summary>Not decidable yet (the router is still recording the payment's answer): taken again after a short wait.</summary>
    public static WebhookHandling Defer(string reason, Guid? paymentId) => new(WebhookInboxStatus.Pending, reason, paymentId, Deferred: true);
}
