using System.Collections.Concurrent;
using PaymentsPortal.Sandbox.Webhooks;

namespace PaymentsPortal.Tests.Integration.Gateways.Braintree;

/// <summary>Keeps what a simulator publishes, in order, instead of delivering it.</summary>
internal sealed class RecordingWebhookSink : ISimulatedWebhookSink
{
    private readonly ConcurrentQueue<SimulatedWebhook> published = new();

    public IReadOnlyList<SimulatedWebhook> Published => [.. published];

    public void Publish(SimulatedWebhook webhook) => published.Enqueue(webhook);
}
