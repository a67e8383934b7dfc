namespace PaymentsPortal.Core.Webhooks.Outbound;

/// <summary>Where a delivery stands. Stored by name.</summary>
public enum WebhookDeliveryStatus
{
    /// <summary>Waiting for its first attempt or a retry.</summary>
    Pending = 1,

    /// <summary>The endpoint answered 2xx.</summary>
    Delivered = 2,

    /// <summary>Every attempt failed until the retry window closed; an Admin can replay it.</summary>
    Failed = 3,

    /// <summary>Its endpoint was deleted or disabled before it was delivered.</summary>
    Canceled = 4,
}
