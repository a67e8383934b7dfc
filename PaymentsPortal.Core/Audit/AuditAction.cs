namespace PaymentsPortal.Core.Audit;

/// <summary>
/// Stable numeric codes, grouped in ranges: sign-in and account 1000s, payments 2000s, refunds 3000s,
/// banking 4000s, users/roles/settings 5000s, audit access 6000s, jobs and webhooks 7000s.
/// A code never changes meaning once written; new actions get new codes.
/// </summary>
public enum AuditAction
{
    SignInSucceeded = 1000,
    SignInFailed = 1001,
    LockedOut = 1002,
    SignedOut = 1003,
    PasswordChanged = 1010,
    TwoFactorEnabled = 1011,
    TwoFactorDisabled = 1012,
    RecoveryCodesRegenerated = 1013,
    StepUpSucceeded = 1020,
    StepUpFailed = 1021,

    // A payment's status moves, one code per status it moves to.
    PaymentCreated = 2000,
    PaymentProcessing = 2001,
    PaymentRequiresAction = 2002,
    PaymentAuthorized = 2003,
    PaymentSucceeded = 2004,
    PaymentFailed = 2005,
    PaymentCanceled = 2006,
    PaymentPartiallyRefunded = 2007,
    PaymentRefunded = 2008,
    PaymentRequiresReconciliation = 2009,
    PaymentRequiresReview = 2010,

    // A charge found late on a gateway the payment had moved on from (an orphan), and what was done about it.
    OrphanedChargeReversed = 2011,
    OrphanedChargeNotReversed = 2012,

    // Payment links: created and deactivated by staff, and each payment a customer started through one (its use).
    PaymentLinkCreated = 2100,
    PaymentLinkDeactivated = 2101,
    PaymentLinkPaymentStarted = 2102,

    // Taking payment data away in bulk: recorded when asked for, before any row leaves.
    PaymentsExported = 2200,

    // Disputes (chargebacks) a gateway reported: opened, moved on (evidence submitted, under review), decided.
    DisputeOpened = 2300,
    DisputeUpdated = 2301,
    DisputeClosed = 2302,

    // Refunds: each request, decision and gateway answer.
    RefundRequested = 3000,
    RefundApproved = 3001,
    RefundRejected = 3002,
    RefundCanceled = 3003,
    RefundSucceeded = 3004,
    RefundFailed = 3005,
    RefundRequiresReconciliation = 3006,

    MemberAdded = 5000,
    MemberRoleChanged = 5001,
    MemberDisabled = 5002,
    MemberEnabled = 5003,
    MerchantCreated = 5100,
    MerchantRenamed = 5101,
    MerchantSuspended = 5102,
    MerchantReactivated = 5103,
    UserDisabled = 5200,
    UserEnabled = 5201,
    UserUnlocked = 5202,
    UserPasswordReset = 5203,
    UserTwoFactorReset = 5204,
    PlatformAdminCreated = 5205,
    AccessGrantRequested = 5300,
    AccessGrantApproved = 5301,
    AccessGrantDenied = 5302,
    AccessGrantCanceled = 5303,
    AccessGrantRevoked = 5304,
    AccessGrantExpired = 5305,
    GatewayAdded = 5400,
    GatewaySettingsChanged = 5401,
    GatewayCredentialsReplaced = 5402,
    GatewayRemoved = 5403,
    GatewayOrderChanged = 5404,

    // Sandbox mode only: an Admin switched a simulated gateway's faults (process-wide) from the merchant's session.
    SandboxFaultsChanged = 5405,
    RefundApprovalThresholdChanged = 5500,
    AccessDenied = 5900,

    // Payouts a gateway reported sending to the merchant's bank account (banking, 4000s).
    PayoutCreated = 4100,
    PayoutPaid = 4101,
    PayoutFailed = 4102,
    PayoutCanceled = 4103,

    // Bank links through Plaid (banking, 4000s): linked, re-authenticated, unlinked, and what Plaid reported about them.
    BankLinked = 4000,
    BankLinkRepaired = 4001,
    BankUnlinked = 4002,
    BankLinkNeedsAttention = 4003,
    BankConsentExpiring = 4004,
    BankAccountVerificationChanged = 4005,
    BankAccountAdded = 4006,
    BankBalanceChecked = 4010,

    // Statements imported by hand for banks Plaid does not reach.
    StatementImported = 4020,
    StatementRejected = 4021,

    // An account's transactions taken away as CSV, recorded before the first row is written.
    BankTransactionsExported = 4030,

    // Payouts paired with the bank deposits they became.
    PayoutMatched = 4200,
    PayoutUnmatched = 4201,

    AuditViewed = 6000,
    AuditExported = 6001,
    AuditVerified = 6002,
    AuditRetentionApplied = 6003,
    AuditSigningKeyRotated = 6100,

    // Background jobs: a person asking for a run, and every run that changed something, found a problem or failed.
    JobRunRequested = 7000,
    JobRunCompleted = 7001,
    JobRunFailed = 7002,

    // Inbound gateway webhooks (7100–7199; 7000–7099 belong to job runs). An event's effect on a payment or refund is audited
    // under that payment's or refund's own code, by the webhook actor, beside the entry that ties it to the event.
    WebhookEventApplied = 7100,

    // The event contradicts what the portal recorded (money taken for a failed payment, another amount, a refund never asked
    // for): nothing was changed on its word, a person must look.
    WebhookEventConflicting = 7101,

    // Processing failed every time it was tried; the event stays stored as Failed.
    WebhookEventFailed = 7102,

    // An Admin entered a gateway's webhook signing secret (only its last four characters are recorded).
    WebhookSecretReplaced = 7103,

    // An Admin sent an event that had failed every try back to processing, for a new round of tries.
    WebhookEventRetried = 7104,

    // Outbound merchant webhooks (7200–7299): an Admin's changes to endpoints, test events and replays, and deliveries given up.
    WebhookEndpointCreated = 7200,
    WebhookEndpointUpdated = 7201,
    WebhookEndpointEnabled = 7202,
    WebhookEndpointDisabled = 7203,
    WebhookEndpointDeleted = 7204,

    // A new signing secret; the old one signs beside it until its grace period ends (recorded: hints only).
    WebhookEndpointSecretRotated = 7205,
    WebhookTestEventSent = 7206,
    WebhookDeliveryReplayed = 7207,

    // Every attempt failed until the retry window closed.
    WebhookDeliveryFailed = 7208,
}
