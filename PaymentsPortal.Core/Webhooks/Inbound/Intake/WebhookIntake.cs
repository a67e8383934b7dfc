using Microsoft.Extensions.Logging;
using PaymentsPortal.Core.Webhooks.Inbound.Processing;

namespace PaymentsPortal.Core.Webhooks.Inbound.Intake;

/// <summary>
/// The webhook endpoints' one use case: verify a delivery with the merchant's key, refuse a test-mode event for a live
/// merchant, and store what passes in the inbox. Nothing is processed here, so a provider is answered as soon as the event
/// is durably stored. A refused delivery stores nothing, and its log line names the merchant, provider and reason, never the
/// secret or the payload.
/// </summary>
public sealed class WebhookIntake(
    WebhookSigningKeys keys, WebhookInboxWriter inbox, WebhookInboxSignal arrived, TimeProvider clock, ILogger<WebhookIntake> logger,
    Banking.Plaid.PlaidWebhookVerifier? plaidVerifier = null)
{
    public async Task<IntakeResult> ReceiveStripeAsync(Guid merchantId, string body, string? signatureHeader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var key = await keys.ForAsync(merchantId, WebhookProvider.Stripe, cancellationToken);
        if (key is null)
        {
            return Refused(merchantId, WebhookProvider.Stripe, IntakeOutcome.BadSignature, "no Stripe webhook secret is configured");
        }

        if (StripeWebhookVerifier.Verify(body, signatureHeader, key.Secret, clock.GetUtcNow()) is { } problem)
        {
            return Refused(merchantId, WebhookProvider.Stripe, problem, null);
        }

        if (!StripeWebhookVerifier.TryReadEnvelope(body, out var id, out var type, out var livemode, out var created))
        {
            return Refused(merchantId, WebhookProvider.Stripe, IntakeOutcome.Malformed, "no event id or type");
        }

        // The rule is for test events reaching live merchants; a live event for a test merchant is refused as well, because
        // it means the endpoint secret of the other mode was entered and none of its charges can be the merchant's.
        if (livemode != key.MerchantIsLive)
        {
            return Refused(merchantId, WebhookProvider.Stripe, IntakeOutcome.ModeMismatch,
                livemode ? "a live-mode event reached a merchant with test keys" : "a test-mode event reached a merchant with live keys");
        }

        return await StoreAsync(new InboundWebhook(merchantId, WebhookProvider.Stripe, id, type, livemode, created, body), cancellationToken);
    }

    public async Task<IntakeResult> ReceiveBraintreeAsync(Guid merchantId, string? signature, string? payload, CancellationToken cancellationToken)
    {
        var key = await keys.ForAsync(merchantId, WebhookProvider.Braintree, cancellationToken);
        if (key is null)
        {
            return Refused(merchantId, WebhookProvider.Braintree, IntakeOutcome.BadSignature, "Braintree is not configured");
        }

        if (!BraintreeWebhookVerifier.Verify(signature, payload, key.PublicKey!, key.Secret))
        {
            return Refused(merchantId, WebhookProvider.Braintree, IntakeOutcome.BadSignature, null);
        }

        if (!BraintreeWebhookVerifier.TryReadEnvelope(payload!, out var kind, out var timestamp))
        {
            return Refused(merchantId, WebhookProvider.Braintree, IntakeOutcome.Malformed, "no notification kind");
        }

        // Braintree's notifications do not say which environment sent them; the key pair does, since sandbox and production
        // keys differ, so a sandbox notification cannot verify against a live merchant's keys.
        return await StoreAsync(new InboundWebhook(
            merchantId, WebhookProvider.Braintree, Braintree.BraintreeEventIds.Of(payload!), kind, key.MerchantIsLive, timestamp, payload!), cancellationToken);
    }

    /// <summary>
    /// A Plaid webhook: verified with Plaid's signing key (ES256 JWT in Plaid-Verification, over the body's SHA-256, at most five minutes
    /// old). Plaid gives its webhooks no id; the body and the signature together name one delivery, so a replay of the same delivery is
    /// stored once, while Plaid's next SYNC_UPDATES_AVAILABLE (the same body, signed again) is a new event, as it should be.
    /// </summary>
    public async Task<IntakeResult> ReceivePlaidAsync(Guid merchantId, ReadOnlyMemory<byte> body, string? verificationHeader, CancellationToken cancellationToken)
    {
        if (plaidVerifier is null)
        {
            return Refused(merchantId, WebhookProvider.Plaid, IntakeOutcome.BadSignature, "Plaid is not set up");
        }

        var verdict = await plaidVerifier.VerifyAsync(verificationHeader, body, cancellationToken);
        if (!verdict.IsVerified)
        {
            var outcome = verdict.CouldNotVerify ? IntakeOutcome.NotVerifiedYet
                : verdict.Status == Banking.Plaid.PlaidWebhookVerificationStatus.Stale ? IntakeOutcome.StaleTimestamp
                : IntakeOutcome.BadSignature;
            return Refused(merchantId, WebhookProvider.Plaid, outcome, verdict.Reason);
        }

        if (!PlaidWebhookEnvelope.TryRead(body.Span, verificationHeader!, out var envelope))
        {
            return Refused(merchantId, WebhookProvider.Plaid, IntakeOutcome.Malformed, "no webhook_type, webhook_code or item_id");
        }

        return await StoreAsync(new InboundWebhook(
            merchantId, WebhookProvider.Plaid, envelope.EventId, envelope.EventType, envelope.Livemode, clock.GetUtcNow(), envelope.Text), cancellationToken);
    }

    private async Task<IntakeResult> StoreAsync(InboundWebhook webhook, CancellationToken cancellationToken)
    {
        var stored = await inbox.StoreAsync(webhook, cancellationToken);
        if (stored)
        {
            arrived.Raise();
        }
        else
        {
            logger.LogInformation("{Provider} webhook {EventId} ({EventType}) for merchant {MerchantId} was stored before; acknowledged again.",
                webhook.Provider, webhook.EventId, webhook.EventType, webhook.MerchantId);
        }

        return new IntakeResult(stored ? IntakeOutcome.Stored : IntakeOutcome.Duplicate, webhook.EventId, webhook.EventType);
    }

    private IntakeResult Refused(Guid merchantId, WebhookProvider provider, IntakeOutcome outcome, string? detail)
    {
        logger.LogWarning("{Provider} webhook for merchant {MerchantId} refused: {Outcome}{Detail}.",
            provider, merchantId, outcome, detail is null ? "" : " (" + detail + ")");
        return IntakeResult.Rejected(outcome);
    }
}
