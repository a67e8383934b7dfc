using PaymentsPortal.Core.Gateways.Reports;

namespace PaymentsPortal.Core.Webhooks.Inbound.Processing;

/// <summary>
/// What recording a gateway's report of a dispute or a payout means for the event that carried it, the same for every provider:
/// a new or changed record is an effect, a repeat is confirmed, an older report is stale.
/// </summary>
public static class ReportHandling
{
    /// <param name="said">What the event said, for the inbox row ("Stripe reports payout po_1 of 10.00 USD paid").</param>
    /// <param name="recordedStatus">What the record holds now, in the portal's words.</param>
    /// <param name="recordedGatewayStatus">And in the gateway's, for the stale case.</param>
    public static WebhookHandling Of(ReportRecording recording, string said, Guid? paymentId, string recordedStatus, string recordedGatewayStatus) => recording switch
    {
        ReportRecording.Created or ReportRecording.Changed =>
            new WebhookHandling(WebhookInboxStatus.Processed, $"{said}: recorded {recordedStatus}", paymentId, Effect: true),
        ReportRecording.Unchanged => WebhookHandling.Confirmed($"{said}; already recorded", paymentId),
        _ => WebhookHandling.Ignored($"{said}; stale, the portal holds a later report ({recordedGatewayStatus})", paymentId),
    };
}
