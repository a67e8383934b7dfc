namespace PaymentsPortal.Sandbox.Plaid;

/// <summary>
/// A webhook the Plaid simulator sends: to the Item's own webhook URL (Plaid posts to the URL given at link token creation,
/// not to an endpoint registered per account, so the gateway-shaped <c>SimulatedWebhook</c> does not fit). Body is the exact
/// JSON that is sent and hashed; Verification is the Plaid-Verification JWT made when it was published, so a sink that keeps
/// webhooks instead of sending them still holds a verifiable delivery.
/// </summary>
public sealed record PlaidWebhook(Uri Url, string WebhookType, string WebhookCode, string ItemId, string Body, string Verification)
{
    public const string VerificationHeader = "Plaid-Verification";

    public override string ToString() => $"Plaid {WebhookType} {WebhookCode} for item {ItemId}";
}

/// <summary>Where the Plaid simulator hands its webhooks; delivery happens elsewhere, so an API reply never waits for it.</summary>
public interface IPlaidWebhookSink
{
    void Publish(PlaidWebhook webhook);
}
