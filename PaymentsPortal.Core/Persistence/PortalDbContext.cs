using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Access.Grants;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Audit.Checkpoints;
using PaymentsPortal.Core.Audit.Retention;
using PaymentsPortal.Core.Identity;
using PaymentsPortal.Core.Identity.StepUp;
using PaymentsPortal.Core.Gateways.Settings;
using PaymentsPortal.Core.Idempotency;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Payments.Export;
using PaymentsPortal.Core.Payments.Links;
using PaymentsPortal.Core.Payments.Refunds;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Core.Webhooks.Inbound;

namespace PaymentsPortal.Core.Persistence;

/// <summary>
/// The portal's one database: domain tables, Identity and Data Protection keys. Tenant-owned
/// entities are filtered to <see cref="ITenantScope.MerchantId"/>; a context without a merchant
/// sees none of them unless a query opts out with <c>IgnoreQueryFilters()</c> on purpose.
/// </summary>
public sealed class PortalDbContext(DbContextOptions<PortalDbContext> options, ITenantScope tenantScope)
    : IdentityDbContext<PortalUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<Merchant> Merchants => Set<Merchant>();

    public DbSet<MerchantMembership> Memberships => Set<MerchantMembership>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<AuditChainHead> AuditChainHeads => Set<AuditChainHead>();

    public DbSet<AuditSigningKey> AuditSigningKeys => Set<AuditSigningKey>();

    public DbSet<AuditCheckpoint> AuditCheckpoints => Set<AuditCheckpoint>();

    public DbSet<AuditCheckpointLeaf> AuditCheckpointLeaves => Set<AuditCheckpointLeaf>();

    public DbSet<AuditRetentionRun> AuditRetentionRuns => Set<AuditRetentionRun>();
    public DbSet<AccessGrant> AccessGrants => Set<AccessGrant>();

    public DbSet<StepUpRecord> StepUps => Set<StepUpRecord>();

    public DbSet<Payment> Payments => Set<Payment>();

    public DbSet<PaymentEvent> PaymentEvents => Set<PaymentEvent>();

    public DbSet<PaymentAttempt> PaymentAttempts => Set<PaymentAttempt>();

    public DbSet<MerchantGateway> MerchantGateways => Set<MerchantGateway>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public DbSet<Refund> Refunds => Set<Refund>();

    public DbSet<RefundApprovalThreshold> RefundApprovalThresholds => Set<RefundApprovalThreshold>();

    public DbSet<PaymentExport> PaymentExports => Set<PaymentExport>();
    public DbSet<PaymentLink> PaymentLinks => Set<PaymentLink>();

    public DbSet<Jobs.JobRun> JobRuns => Set<Jobs.JobRun>();

    public DbSet<WebhookInboxEntry> WebhookInbox => Set<WebhookInboxEntry>();

    public DbSet<Webhooks.Outbound.OutboundEvent> OutboundEvents => Set<Webhooks.Outbound.OutboundEvent>();

    public DbSet<Webhooks.Outbound.WebhookEndpoint> WebhookEndpoints => Set<Webhooks.Outbound.WebhookEndpoint>();

    public DbSet<Webhooks.Outbound.WebhookDelivery> WebhookDeliveries => Set<Webhooks.Outbound.WebhookDelivery>();

    public DbSet<Webhooks.Outbound.WebhookDeliveryAttempt> WebhookDeliveryAttempts => Set<Webhooks.Outbound.WebhookDeliveryAttempt>();

    public DbSet<Payments.Disputes.Dispute> Disputes => Set<Payments.Disputes.Dispute>();

    public DbSet<Payouts.Payout> Payouts => Set<Payouts.Payout>();

    public DbSet<Gateways.Sync.GatewaySyncCursor> GatewaySyncCursors => Set<Gateways.Sync.GatewaySyncCursor>();

    public DbSet<Banking.Links.BankLink> BankLinks => Set<Banking.Links.BankLink>();

    public DbSet<Banking.Accounts.BankAccount> BankAccounts => Set<Banking.Accounts.BankAccount>();

    public DbSet<Banking.Transactions.BankTransaction> BankTransactions => Set<Banking.Transactions.BankTransaction>();

    public DbSet<Banking.Imports.StatementImport> StatementImports => Set<Banking.Imports.StatementImport>();

    public DbSet<Banking.Reconciliation.PayoutMatch> PayoutMatches => Set<Banking.Reconciliation.PayoutMatch>();

    /// <summary>Read by the query filters on every query; Guid.Empty matches no row.</summary>
    internal Guid CurrentMerchantId => tenantScope.MerchantId ?? Guid.Empty;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
        NameIdentityTables(builder);

        builder.Entity<MerchantMembership>().HasQueryFilter(m => m.MerchantId == CurrentMerchantId);
        builder.Entity<AuditEntry>().HasQueryFilter(e => e.MerchantId == CurrentMerchantId);
        builder.Entity<AccessGrant>().HasQueryFilter(g => g.MerchantId == CurrentMerchantId);
        builder.Entity<Payment>().HasQueryFilter(p => p.MerchantId == CurrentMerchantId);
        builder.Entity<PaymentEvent>().HasQueryFilter(e => e.MerchantId == CurrentMerchantId);
        builder.Entity<PaymentAttempt>().HasQueryFilter(a => a.MerchantId == CurrentMerchantId);
        builder.Entity<MerchantGateway>().HasQueryFilter(g => g.MerchantId == CurrentMerchantId);
        builder.Entity<IdempotencyRecord>().HasQueryFilter(r => r.MerchantId == CurrentMerchantId);
        builder.Entity<Refund>().HasQueryFilter(r => r.MerchantId == CurrentMerchantId);
        builder.Entity<RefundApprovalThreshold>().HasQueryFilter(t => t.MerchantId == CurrentMerchantId);
        builder.Entity<PaymentExport>().HasQueryFilter(e => e.MerchantId == CurrentMerchantId);
        builder.Entity<PaymentLink>().HasQueryFilter(l => l.MerchantId == CurrentMerchantId);
        builder.Entity<WebhookInboxEntry>().HasQueryFilter(e => e.MerchantId == CurrentMerchantId);
        builder.Entity<Webhooks.Outbound.OutboundEvent>().HasQueryFilter(e => e.MerchantId == CurrentMerchantId);
        builder.Entity<Webhooks.Outbound.WebhookEndpoint>().HasQueryFilter(e => e.MerchantId == CurrentMerchantId);
        builder.Entity<Webhooks.Outbound.WebhookDelivery>().HasQueryFilter(d => d.MerchantId == CurrentMerchantId);
        builder.Entity<Webhooks.Outbound.WebhookDeliveryAttempt>().HasQueryFilter(a => a.MerchantId == CurrentMerchantId);
        builder.Entity<Payments.Disputes.Dispute>().HasQueryFilter(d => d.MerchantId == CurrentMerchantId);
        builder.Entity<Payouts.Payout>().HasQueryFilter(p => p.MerchantId == CurrentMerchantId);
        builder.Entity<Gateways.Sync.GatewaySyncCursor>().HasQueryFilter(c => c.MerchantId == CurrentMerchantId);
        builder.Entity<Banking.Links.BankLink>().HasQueryFilter(l => l.MerchantId == CurrentMerchantId);
        builder.Entity<Banking.Accounts.BankAccount>().HasQueryFilter(a => a.MerchantId == CurrentMerchantId);
        builder.Entity<Banking.Transactions.BankTransaction>().HasQueryFilter(t => t.MerchantId == CurrentMerchantId);
        builder.Entity<Banking.Imports.StatementImport>().HasQueryFilter(i => i.MerchantId == CurrentMerchantId);
        builder.Entity<Banking.Reconciliation.PayoutMatch>().HasQueryFilter(m => m.MerchantId == CurrentMerchantId);
    }

    // Identity names its tables explicitly (AspNetUsers…), which the snake_case convention leaves alone.
    private static void NameIdentityTables(ModelBuilder builder)
    {
        builder.Entity<PortalUser>().ToTable("users");
        builder.Entity<IdentityRole<Guid>>().ToTable("roles");
        builder.Entity<IdentityUserRole<Guid>>().ToTable("user_roles");
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("user_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("user_logins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("user_tokens");
        builder.Entity<IdentityRoleClaim<Guid>>().ToTable("role_claims");
    }
}
