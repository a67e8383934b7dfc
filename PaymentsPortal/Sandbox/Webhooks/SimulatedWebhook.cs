using PaymentsPortal.Core.Gateways;

namespace PaymentsPortal.Sandbox.Webhooks;

/// <summary>
/// An event a simulator wants delivered, before it is signed: the simulated account it happened in (Stripe: the secret key that
/// made the object; Braintree: the public key) and the body the provider signs (Stripe: the event's JSON; Braintree: the
/// notification's base64 XML, bt_payload). The sender finds the endpoints registered for that account and signs per endpoint.
/// </summary>
public sealed record SimulatedWebhook(GatewayKind Gateway, string Account, string EventType, string Body)
{
    public override string ToString() => $"{Gateway} {EventType}";
}

/// <summary>Where simulators hand their events; delivery happens elsewhere, so an API reply never waits for it.</summary>
public interface ISimulatedWebhookSink
{
    void Publish(SimulatedWebhook webhook);
}
