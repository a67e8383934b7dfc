namespace PaymentsPortal.Core.Access;

/// <summary>
/// Named permissions. Pages and endpoints ask for one of these, never for a role, so the
/// matrix in <see cref="PermissionMatrix"/> is the only place that says who may do what.
/// </summary>
public enum Permission
{
    /// <summary>See the home page of the portal.</summary>
    HomeView = 1,

    /// <summary>Manage one's own account: password, two-factor.</summary>
    OwnAccountManage = 2,

    /// <summary>See who is a member of the current merchant and with which role.</summary>
    MembersView = 10,

    /// <summary>Add members to the current merchant, change their role, disable them.</summary>
    MembersManage = 11,

    /// <summary>See the permission matrix.</summary>
    PermissionMatrixView = 20,

    /// <summary>Search the merchant's audit trail, open entries and their history, verify the chain.</summary>
    AuditView = 40,

    /// <summary>Export the merchant's audit trail as CSV or JSON with hashes.</summary>
    AuditExport = 41,
    /// <summary>Ask for a higher role in the current merchant for a limited time; see and end one's own requests.</summary>
    AccessRequest = 30,

    /// <summary>See the merchant's pending, active and past temporary access grants.</summary>
    AccessGrantsView = 31,

    /// <summary>Approve, deny and revoke temporary access (only with the Admin role by membership, checked by the use case).</summary>
    AccessGrantsManage = 32,

    /// <summary>See the merchant's gateways, their order and timeouts (never their secrets).</summary>
    GatewaysView = 50,

    /// <summary>Add, reorder, reconfigure and remove the merchant's gateways and replace their credentials.</summary>
    GatewaysManage = 51,

    /// <summary>Search and open the merchant's payments, their attempts, refunds and timeline; see the dashboard.</summary>
    PaymentsView = 60,

    /// <summary>See customers' email addresses unmasked (Support sees them masked).</summary>
    CustomerDataView = 61,

    /// <summary>Take a card payment in the virtual terminal.</summary>
    PaymentsTake = 62,

    /// <summary>Create and deactivate payment links.</summary>
    PaymentLinksManage = 63,

    /// <summary>Export the filtered payments list as CSV.</summary>
    PaymentsExport = 64,

    /// <summary>Refund a payment; above the merchant's approval threshold the refund waits for an Admin.</summary>
    RefundsRequest = 65,

    /// <summary>Approve or reject refunds above the threshold (never one's own; step-up required).</summary>
    RefundsApprove = 66,

    /// <summary>Set the refund approval threshold per currency.</summary>
    RefundSettingsManage = 67,

    /// <summary>Register webhook endpoints, rotate their secrets, see deliveries and send them again.</summary>
    WebhooksManage = 68,

    /// <summary>See the merchant's bank accounts, balances and transactions, and how payouts reconcile with deposits.</summary>
    BankingView = 70,

    /// <summary>Link and unlink banks, import statements, match and unmatch payouts by hand.</summary>
    BankingManage = 71,

    /// <summary>Create, rename, suspend and reactivate merchants; onboard their first admins.</summary>
    MerchantsManage = 100,

    /// <summary>See every user account; disable, enable and unlock accounts platform-wide.</summary>
    UsersManage = 101,

    /// <summary>Search, verify and export the platform's own audit chain (sign-ins, account administration).</summary>
    PlatformAuditView = 102,

    /// <summary>See the background jobs, their runs, progress and errors; start a run now.</summary>
    JobsManage = 103,

    /// <summary>Open Hangfire's own dashboard at /hangfire (queues, retries, servers).</summary>
    JobsDashboard = 104,
}
