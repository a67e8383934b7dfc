namespace PaymentsPortal.Core.Webhooks.Outbound;

/// <summary>The event types a merchant's endpoint can subscribe to. Names never change meaning; new events get new names.</summary>
public static class WebhookEventTypes
{
    public const string PaymentSucceeded = "payment.succeeded";
    public const string PaymentAuthorized = "payment.authorized";
    public const string PaymentFailed = "payment.failed";
    public const string PaymentCanceled = "payment.canceled";
    public const string PaymentRefunded = "payment.refunded";
    public const string PaymentPartiallyRefunded = "payment.partially_refunded";
    public const string PaymentNeedsAttention = "payment.needs_attention";
    public const string RefundAwaitingApproval = "refund.awaiting_approval";
    public const string RefundSucceeded = "refund.succeeded";
    public const string RefundFailed = "refund.failed";
    public const string RefundCanceled = "refund.canceled";
    public const string DisputeOpened = "dispute.opened";
    public const string DisputeUpdated = "dispute.updated";
    public const string DisputeClosed = "dispute.closed";
    public const string PayoutPaid = "payout.paid";
    public const string PayoutFailed = "payout.failed";
    public const string BankLinkNeedsAttention = "bank_link.needs_attention";
    public const string EndpointTest = "webhook_endpoint.test";

    /// <summary>Every type with what it means, in the order the endpoint form lists them.</summary>
    public static IReadOnlyList<(string Type, string Meaning)> All { get; } =
    [
        (PaymentSucceeded, "A payment was charged (captured)."),
        (PaymentAuthorized, "A payment was authorized and waits for capture."),
        (PaymentFailed, "A payment was declined or could not be made."),
        (PaymentCanceled, "A payment was canceled, or its authorization voided."),
        (PaymentRefunded, "A payment was refunded in full."),
        (PaymentPartiallyRefunded, "Part of a payment was refunded."),
        (PaymentNeedsAttention, "A payment's outcome is not known yet, or it needs a person's review."),
        (RefundAwaitingApproval, "A refund above the approval threshold waits for an Admin."),
        (RefundSucceeded, "A refund went through at the gateway."),
        (RefundFailed, "The gateway refused a refund."),
        (RefundCanceled, "A refund was rejected by an Admin or withdrawn."),
        (DisputeOpened, "A customer disputed a charge (chargeback or inquiry); evidence is due by the date given."),
        (DisputeUpdated, "A dispute moved on, for example evidence was submitted."),
        (DisputeClosed, "A dispute was decided: won, lost or closed."),
        (PayoutPaid, "A gateway paid out the balance to the bank account."),
        (PayoutFailed, "A payout failed or was canceled; the money went back to the gateway balance."),
        (BankLinkNeedsAttention, "A linked bank needs an Admin: sign in again, or renew consent before it lapses."),
        (EndpointTest, "A test event an Admin sent from the portal."),
    ];

    public static bool IsKnown(string type) => All.Any(t => t.Type == type);
}
