namespace PaymentsPortal.Core.Webhooks.Inbound;

/// <summary>Who sent an inbound webhook. Stored by name; never renumber.</summary>
public enum WebhookProvider
{
    Stripe = 1,
    Braintree = 2,

    /// <summary>Plaid's bank webhooks (Items, transactions, Auth).</summary>
    Plaid = 3,
}
