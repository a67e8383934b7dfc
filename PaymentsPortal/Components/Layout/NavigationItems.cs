using MudBlazor;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Hosting;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Components.Layout;

/// <summary>Every navigation entry with the permission its page declares; the menu shows only those the user holds.</summary>
public static class NavigationItems
{
    public static IReadOnlyList<NavigationItem> All { get; } =
    [
        new("Home", "/", Icons.Material.Filled.Home, Permission.HomeView, "nav-home"),
        new("Payments", "/payments", Icons.Material.Filled.Payments, Permission.PaymentsView, "nav-payments"),
        new("Virtual terminal", "/payments/new", Icons.Material.Filled.PointOfSale, Permission.PaymentsTake, "nav-terminal"),
        new("Payment links", "/payment-links", Icons.Material.Filled.Link, Permission.PaymentLinksManage, "nav-payment-links"),
        new("Disputes", "/disputes", Icons.Material.Filled.Gavel, Permission.PaymentsView, "nav-disputes"),
        new("Payouts", "/payouts", Icons.Material.Filled.AccountBalance, Permission.PaymentsView, "nav-payouts"),
        new("Bank accounts", "/banking", Icons.Material.Filled.AccountBalanceWallet, Permission.BankingView, "nav-bank-accounts"),
        new("Reconciliation", "/banking/reconciliation", Icons.Material.Filled.CompareArrows, Permission.BankingView, "nav-reconciliation"),
        new("Refund approvals", "/refunds/approvals", Icons.Material.Filled.Approval, Permission.RefundsApprove, "nav-refund-approvals"),
        new("Members", "/members", Icons.Material.Filled.People, Permission.MembersView, "nav-members"),
        new("Gateways", "/settings/gateways", Icons.Material.Filled.Hub, Permission.GatewaysView, "nav-gateways"),
        new("Refund settings", "/settings/refunds", Icons.Material.Filled.Tune, Permission.RefundSettingsManage, "nav-refund-settings"),
        new("Webhooks", "/settings/webhooks", Icons.Material.Filled.Webhook, Permission.WebhooksManage, "nav-webhooks"),
        new("Sandbox faults", "/sandbox/faults", Icons.Material.Filled.BugReport, Permission.GatewaysManage, "nav-sandbox-faults", SandboxOnly: true),
        new("Audit trail", "/audit", Icons.Material.Filled.FactCheck, Permission.AuditView, "nav-audit"),
        new("Access grants", "/access/grants", Icons.Material.Filled.AdminPanelSettings, Permission.AccessGrantsView, "nav-access-grants"),
        new("Temporary access", "/access/request", Icons.Material.Filled.MoreTime, Permission.AccessRequest, "nav-access-request"),
        new("Merchants", "/platform/merchants", Icons.Material.Filled.Storefront, Permission.MerchantsManage, "nav-merchants"),
        new("Users", "/platform/users", Icons.Material.Filled.ManageAccounts, Permission.UsersManage, "nav-users"),
        new("Platform audit", "/platform/audit", Icons.Material.Filled.Policy, Permission.PlatformAuditView, "nav-platform-audit"),
        new("Jobs", "/jobs", Icons.Material.Filled.Schedule, Permission.JobsManage, "nav-jobs"),
        new("Permissions", "/permissions", Icons.Material.Filled.Shield, Permission.PermissionMatrixView, "nav-permissions"),
        new("My account", "/me", Icons.Material.Filled.AccountCircle, Permission.OwnAccountManage, "nav-account"),
    ];
}

/// <param name="SandboxOnly">The page exists only in Sandbox mode (its services are not registered in Live mode).</param>
public sealed record NavigationItem(string Title, string Href, string Icon, Permission Permission, string TestId, bool SandboxOnly = false)
{
    public bool IsShown(UserAccess access, PortalMode mode) =>
        access.Has(Permission) && (!SandboxOnly || mode == PortalMode.Sandbox);
}
