using PaymentsPortal.Core.Common;

namespace PaymentsPortal.Core.Webhooks.Inbound.Processing;

/// <summary>"Something new is in the inbox", from the intake to this instance's drain.</summary>
public sealed class WebhookInboxSignal : WakeSignal;
