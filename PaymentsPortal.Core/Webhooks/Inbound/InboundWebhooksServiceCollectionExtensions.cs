using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Webhooks.Inbound.Braintree;
using PaymentsPortal.Core.Webhooks.Inbound.Intake;
using PaymentsPortal.Core.Webhooks.Inbound.Processing;
using PaymentsPortal.Core.Webhooks.Inbound.Stripe;

namespace PaymentsPortal.Core.Webhooks.Inbound;

public static class InboundWebhooksServiceCollectionExtensions
{
    /// <summary>The intake the webhook endpoints call, the processor a scheduler calls, one handler per event type, and the Admin's secret entry.</summary>
    public static IServiceCollection AddPortalInboundWebhooks(this IServiceCollection services, IConfiguration configuration, string appConnectionString)
    {
        services.AddOptions<InboundWebhookOptions>()
            .Bind(configuration.GetSection(InboundWebhookOptions.Section))
            .Validate(o => o.Retention >= InboundWebhookOptions.MinimumRetention, "Webhooks:Inbound:Retention must be at least 35 days.")
            .ValidateOnStart();
        services.AddSingleton<WebhookInboxRetention>();
        // The intake's own data source: one prepared INSERT per event, with no DbContext in the way (see WebhookInboxWriter).
        var prepared = PortalDatabase.WithAutoPrepare(appConnectionString);
        services.AddSingleton(sp => new WebhookInboxWriter(NpgsqlDataSource.Create(prepared), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<WebhookSigningKeys>();
        services.AddSingleton<WebhookIntake>();
        services.AddSingleton<WebhookSecretAdministration>();
        services.AddSingleton<Browsing.ReceivedWebhookQueries>();
        services.AddSingleton<Browsing.ReceivedWebhookRetry>();

        services.AddSingleton<WebhookInboxProcessor>();
        services.AddSingleton<WebhookInboxSignal>();
        services.AddSingleton<WebhookChargeApplier>();
        services.AddSingleton<WebhookRefundApplier>();
        services.AddSingleton<StripeRefundReports>();
        services.AddSingleton<IWebhookEventHandler, StripePaymentIntentSucceededHandler>();
        services.AddSingleton<IWebhookEventHandler, StripePaymentIntentAuthorizedHandler>();
        services.AddSingleton<IWebhookEventHandler, StripePaymentIntentFailedHandler>();
        services.AddSingleton<IWebhookEventHandler, StripePaymentIntentCanceledHandler>();
        services.AddSingleton<IWebhookEventHandler, StripePaymentIntentRequiresActionHandler>();
        services.AddSingleton<IWebhookEventHandler, StripePaymentIntentProcessingHandler>();
        services.AddSingleton<IWebhookEventHandler, StripeRefundCreatedHandler>();
        services.AddSingleton<IWebhookEventHandler, StripeRefundUpdatedHandler>();
        services.AddSingleton<IWebhookEventHandler, StripeRefundFailedHandler>();
        services.AddSingleton<IWebhookEventHandler, StripeChargeRefundedHandler>();
        services.AddSingleton<Payments.Disputes.DisputeLedger>();
        services.AddSingleton<Payouts.PayoutLedger>();
        services.AddSingleton<IWebhookEventHandler, StripeDisputeCreatedHandler>();
        services.AddSingleton<IWebhookEventHandler, StripeDisputeUpdatedHandler>();
        services.AddSingleton<IWebhookEventHandler, StripeDisputeClosedHandler>();
        services.AddSingleton<IWebhookEventHandler, StripeDisputeFundsWithdrawnHandler>();
        services.AddSingleton<IWebhookEventHandler, StripeDisputeFundsReinstatedHandler>();
        services.AddSingleton<IWebhookEventHandler, StripePayoutCreatedHandler>();
        services.AddSingleton<IWebhookEventHandler, StripePayoutUpdatedHandler>();
        services.AddSingleton<IWebhookEventHandler, StripePayoutPaidHandler>();
        services.AddSingleton<IWebhookEventHandler, StripePayoutFailedHandler>();
        services.AddSingleton<IWebhookEventHandler, StripePayoutCanceledHandler>();
        services.AddSingleton<IWebhookEventHandler, BraintreeTransactionSettledHandler>();
        services.AddSingleton<IWebhookEventHandler, BraintreeTransactionDisbursedHandler>();
        services.AddSingleton<IWebhookEventHandler, BraintreeSettlementDeclinedHandler>();
        services.AddSingleton<IWebhookEventHandler, BraintreeCheckHandler>();
        services.AddSingleton<IWebhookEventHandler, BraintreeDisbursementHandler>();
        services.AddSingleton<IWebhookEventHandler, BraintreeDisbursementExceptionHandler>();
        services.AddSingleton<IWebhookEventHandler, BraintreeDisputeOpenedHandler>();
        services.AddSingleton<IWebhookEventHandler, BraintreeDisputeDisputedHandler>();
        services.AddSingleton<IWebhookEventHandler, BraintreeDisputeUnderReviewHandler>();
        services.AddSingleton<IWebhookEventHandler, BraintreeDisputeWonHandler>();
        services.AddSingleton<IWebhookEventHandler, BraintreeDisputeLostHandler>();
        services.AddSingleton<IWebhookEventHandler, BraintreeDisputeAcceptedHandler>();
        services.AddSingleton<IWebhookEventHandler, BraintreeDisputeAutoAcceptedHandler>();
        services.AddSingleton<IWebhookEventHandler, BraintreeDisputeExpiredHandler>();
        AddPlaidHandlers(services);
        return services;
    }

    private static void AddPlaidHandlers(IServiceCollection services)
    {
        services.AddSingleton<IWebhookEventHandler, Plaid.PlaidSyncUpdatesHandler>();
        services.AddSingleton<IWebhookEventHandler>(sp => new Plaid.PlaidItemErrorHandler(sp.GetRequiredService<Banking.Links.BankLinkHealth>()));
        services.AddSingleton<IWebhookEventHandler>(sp => new Plaid.PlaidItemErrorHandler(sp.GetRequiredService<Banking.Links.BankLinkHealth>(), "ITEM:USER_PERMISSION_REVOKED"));
        services.AddSingleton<IWebhookEventHandler>(sp => new Plaid.PlaidConsentExpiringHandler(sp.GetRequiredService<Banking.Links.BankLinkHealth>(), "ITEM:PENDING_EXPIRATION"));
        services.AddSingleton<IWebhookEventHandler>(sp => new Plaid.PlaidConsentExpiringHandler(sp.GetRequiredService<Banking.Links.BankLinkHealth>(), "ITEM:PENDING_DISCONNECT"));
        services.AddSingleton<IWebhookEventHandler, Plaid.PlaidLoginRepairedHandler>();
        services.AddSingleton<IWebhookEventHandler>(sp => new Plaid.PlaidAuthVerificationHandler(
            sp.GetRequiredService<Audit.IAuditTrail>(), sp.GetRequiredService<TimeProvider>(), "AUTH:AUTOMATICALLY_VERIFIED", "automatically_verified"));
        services.AddSingleton<IWebhookEventHandler>(sp => new Plaid.PlaidAuthVerificationHandler(
            sp.GetRequiredService<Audit.IAuditTrail>(), sp.GetRequiredService<TimeProvider>(), "AUTH:VERIFICATION_EXPIRED", "verification_expired"));
    }
}
