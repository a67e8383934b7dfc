using System.Collections.Frozen;

namespace PaymentsPortal.Core.Access;

/// <summary>
/// The single definition of who may do what. Everything else (authorization policies,
/// navigation, the read-only matrix page) is derived from this class.
/// </summary>
public static class PermissionMatrix
{
    private static readonly FrozenDictionary<Permission, PermissionInfo> Infos = new PermissionInfo[]
    {
        new(Permission.HomeView, PermissionScope.Everyone, "home.view", "See the portal's home page"),
        new(Permission.OwnAccountManage, PermissionScope.Everyone, "account.manage-own", "Change one's own password and two-factor settings"),
        new(Permission.MembersView, PermissionScope.Merchant, "members.view", "See the merchant's members and their roles"),
        new(Permission.MembersManage, PermissionScope.Merchant, "members.manage", "Add members, change their role, disable them"),
        new(Permission.PermissionMatrixView, PermissionScope.Merchant, "permissions.view", "See this permission matrix"),
        new(Permission.AccessRequest, PermissionScope.Merchant, "access.request", "Ask for a higher role for a limited time; see and end one's own requests"),
        new(Permission.AccessGrantsView, PermissionScope.Merchant, "access.grants.view", "See pending, active and past temporary access grants"),
        new(Permission.AccessGrantsManage, PermissionScope.Merchant, "access.grants.manage", "Approve, deny and revoke temporary access (Admins by membership only)"),
        new(Permission.AuditView, PermissionScope.Merchant, "audit.view", "Search the audit trail, see entries with their chain links, verify integrity"),
        new(Permission.AuditExport, PermissionScope.Merchant, "audit.export", "Export the audit trail as CSV or JSON with hashes and the signed checkpoint"),
        new(Permission.GatewaysView, PermissionScope.Merchant, "gateways.view", "See the gateways payments go through, their order and timeouts"),
        new(Permission.GatewaysManage, PermissionScope.Merchant, "gateways.manage", "Add, reorder and remove gateways; enter or replace their credentials"),
        new(Permission.PaymentsView, PermissionScope.Merchant, "payments.view", "Search payments, open their attempts, refunds and timeline; see the dashboard"),
        new(Permission.CustomerDataView, PermissionScope.Merchant, "customers.view", "See customers' email addresses unmasked"),
        new(Permission.PaymentsTake, PermissionScope.Merchant, "payments.take", "Take card payments in the virtual terminal"),
        new(Permission.PaymentLinksManage, PermissionScope.Merchant, "payment-links.manage", "Create and deactivate payment links"),
        new(Permission.PaymentsExport, PermissionScope.Merchant, "payments.export", "Export the filtered payments list as CSV"),
        new(Permission.RefundsRequest, PermissionScope.Merchant, "refunds.request", "Refund payments; above the approval threshold an Admin must approve"),
        new(Permission.RefundsApprove, PermissionScope.Merchant, "refunds.approve", "Approve or reject others' refunds above the threshold (step-up)"),
        new(Permission.RefundSettingsManage, PermissionScope.Merchant, "refunds.settings", "Set the refund approval threshold per currency"),
        new(Permission.WebhooksManage, PermissionScope.Merchant, "webhooks.manage", "Register webhook endpoints, rotate their signing secrets, see deliveries and send them again"),
        new(Permission.BankingView, PermissionScope.Merchant, "banking.view", "See bank accounts, balances and transactions, and how payouts reconcile with deposits"),
        new(Permission.BankingManage, PermissionScope.Merchant, "banking.manage", "Link and unlink banks, import statements, match and unmatch payouts by hand"),
        new(Permission.MerchantsManage, PermissionScope.Platform, "merchants.manage", "Create, rename, suspend merchants and onboard their admins"),
        new(Permission.UsersManage, PermissionScope.Platform, "users.manage", "See all accounts; disable, enable, unlock them, reset passwords and two-factor"),
        new(Permission.PlatformAuditView, PermissionScope.Platform, "platform-audit.view", "Search, verify and export the platform's audit chain"),
        new(Permission.JobsManage, PermissionScope.Platform, "jobs.manage", "See background jobs, their runs and errors; run one now"),
        new(Permission.JobsDashboard, PermissionScope.Platform, "jobs.dashboard", "Open Hangfire's dashboard (queues, retries, servers)"),
    }.ToFrozenDictionary(i => i.Permission);

    private static readonly FrozenDictionary<MerchantRole, FrozenSet<Permission>> ByRole =
        new Dictionary<MerchantRole, FrozenSet<Permission>>
        {
            [MerchantRole.Admin] = Set(Permission.MembersView, Permission.MembersManage, Permission.PermissionMatrixView,
                Permission.AccessRequest, Permission.AccessGrantsView, Permission.AccessGrantsManage,
                Permission.AuditView, Permission.AuditExport, Permission.GatewaysView, Permission.GatewaysManage,
                Permission.PaymentsView, Permission.CustomerDataView, Permission.PaymentsTake, Permission.PaymentLinksManage, Permission.PaymentsExport,
                Permission.RefundsRequest, Permission.RefundsApprove, Permission.RefundSettingsManage, Permission.WebhooksManage,
                Permission.BankingView, Permission.BankingManage),
            [MerchantRole.Operator] = Set(Permission.AccessRequest,
                Permission.PaymentsView, Permission.CustomerDataView, Permission.PaymentsTake, Permission.PaymentLinksManage, Permission.PaymentsExport,
                Permission.BankingView),

            // Support refunds and searches but sees customers masked (least privilege for the role that talks to them most).
            [MerchantRole.Support] = Set(Permission.AccessRequest, Permission.PaymentsView, Permission.RefundsRequest),
            [MerchantRole.Compliance] = Set(Permission.MembersView, Permission.PermissionMatrixView, Permission.AccessRequest, Permission.AccessGrantsView,
                Permission.AuditView, Permission.AuditExport, Permission.GatewaysView, Permission.PaymentsView, Permission.CustomerDataView, Permission.PaymentsExport,
                Permission.BankingView),
            [MerchantRole.Viewer] = Set(Permission.AccessRequest, Permission.PaymentsView, Permission.CustomerDataView),
        }.ToFrozenDictionary();

    private static readonly FrozenSet<Permission> PlatformAdmin =
        Set(Permission.MerchantsManage, Permission.UsersManage, Permission.PlatformAuditView, Permission.PermissionMatrixView,
            Permission.JobsManage, Permission.JobsDashboard);

    /// <summary>Every permission with its description, in declaration order.</summary>
    public static IReadOnlyList<PermissionInfo> All { get; } =
        [.. Enum.GetValues<Permission>().Select(p => Infos[p])];

    /// <summary>Every merchant role, in the order they are shown.</summary>
    public static IReadOnlyList<MerchantRole> Roles { get; } = Enum.GetValues<MerchantRole>();

    public static PermissionInfo Describe(Permission permission) => Infos[permission];

    /// <summary>Whether a merchant role grants a permission (permissions held by everyone included).</summary>
    public static bool Grants(MerchantRole role, Permission permission) =>
        Infos[permission].Scope == PermissionScope.Everyone || ByRole[role].Contains(permission);

    /// <summary>Whether the platform administrator role grants a permission.</summary>
    public static bool GrantsPlatformAdmin(Permission permission) =>
        Infos[permission].Scope == PermissionScope.Everyone || PlatformAdmin.Contains(permission);

    /// <summary>Roles whose holders must use two-factor when the setting requires it.</summary>
    public static bool IsPrivileged(MerchantRole role) =>
        role is MerchantRole.Admin or MerchantRole.Support or MerchantRole.Compliance;

    private static FrozenSet<Permission> Set(params Permission[] permissions) => permissions.ToFrozenSet();
}
