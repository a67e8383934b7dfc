using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PaymentsPortal.Core.Banking.Accounts;
using PaymentsPortal.Core.Banking.Imports;
using PaymentsPortal.Core.Banking.Links;
using PaymentsPortal.Core.Banking.Reconciliation;
using PaymentsPortal.Core.Banking.Transactions;
using PaymentsPortal.Core.Payouts;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Persistence.Configurations;

internal sealed class BankLinkConfiguration : IEntityTypeConfiguration<BankLink>
{
    public void Configure(EntityTypeBuilder<BankLink> builder)
    {
        builder.HasKey(l => new { l.MerchantId, l.Id });
        builder.Property(l => l.PlaidItemId).HasMaxLength(100);
        builder.Property(l => l.InstitutionId).HasMaxLength(100);
        builder.Property(l => l.InstitutionName).HasMaxLength(BankLink.InstitutionMaxLength);
        builder.Property(l => l.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(l => l.ErrorCode).HasMaxLength(100);
        builder.Property(l => l.ErrorMessage).HasMaxLength(BankLink.ErrorMaxLength);
        builder.Property(l => l.TransactionsCursor).HasMaxLength(2000);

        // Plaid's webhooks name the item only: it must find one link.
        builder.HasIndex(l => l.PlaidItemId).IsUnique();
        builder.HasOne<Merchant>().WithMany().HasForeignKey(l => l.MerchantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BankAccountConfiguration : IEntityTypeConfiguration<BankAccount>
{
    public void Configure(EntityTypeBuilder<BankAccount> builder)
    {
        builder.HasKey(a => new { a.MerchantId, a.Id });
        builder.Property(a => a.Source).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.PlaidAccountId).HasMaxLength(100);
        builder.Property(a => a.Name).HasMaxLength(BankAccount.NameMaxLength);
        builder.Property(a => a.OfficialName).HasMaxLength(BankAccount.NameMaxLength);
        builder.Property(a => a.Mask).HasMaxLength(4);
        builder.Property(a => a.Type).HasMaxLength(50);
        builder.Property(a => a.Subtype).HasMaxLength(50);
        builder.Property(a => a.CurrencyCode).HasMaxLength(3).IsFixedLength();
        builder.Property(a => a.VerificationStatus).HasMaxLength(50);
        builder.Ignore(a => a.CurrentBalance);
        builder.Ignore(a => a.AvailableBalance);
        builder.HasIndex(a => new { a.MerchantId, a.LinkId, a.PlaidAccountId }).IsUnique().HasFilter("plaid_account_id IS NOT NULL");
        builder.HasOne<BankLink>().WithMany().HasForeignKey(a => new { a.MerchantId, a.LinkId }).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Merchant>().WithMany().HasForeignKey(a => a.MerchantId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t => t.HasCheckConstraint("ck_bank_accounts_source", "(source = 'Plaid') = (link_id IS NOT NULL AND plaid_account_id IS NOT NULL)"));
    }
}

internal sealed class BankTransactionConfiguration : IEntityTypeConfiguration<BankTransaction>
{
    public void Configure(EntityTypeBuilder<BankTransaction> builder)
    {
        builder.HasKey(t => new { t.MerchantId, t.Id });
        builder.Property(t => t.Source).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.ExternalId).HasMaxLength(BankTransaction.ExternalIdMaxLength);
        builder.Property(t => t.CurrencyCode).HasMaxLength(3).IsFixedLength();
        builder.Property(t => t.Description).HasMaxLength(BankTransaction.DescriptionMaxLength);
        builder.Property(t => t.CounterpartyName).HasMaxLength(BankAccount.NameMaxLength);
        builder.Ignore(t => t.Amount);

        // Re-reading Plaid or re-importing a statement lands on the same row.
        builder.HasIndex(t => new { t.MerchantId, t.AccountId, t.Source, t.ExternalId }).IsUnique();

        // Reconciliation looks for deposits by date; the account page lists by date.
        builder.HasIndex(t => new { t.MerchantId, t.Date, t.Id });
        builder.HasIndex(t => new { t.MerchantId, t.AccountId, t.Date });
        builder.HasOne<BankAccount>().WithMany().HasForeignKey(t => new { t.MerchantId, t.AccountId }).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StatementImport>().WithMany().HasForeignKey(t => new { t.MerchantId, t.ImportId }).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StatementImportConfiguration : IEntityTypeConfiguration<StatementImport>
{
    public void Configure(EntityTypeBuilder<StatementImport> builder)
    {
        builder.HasKey(i => new { i.MerchantId, i.Id });
        builder.Property(i => i.FileName).HasMaxLength(StatementImport.FileNameMaxLength);
        builder.Property(i => i.Format).HasMaxLength(10);
        builder.Property(i => i.Sha256).HasMaxLength(64).IsFixedLength();
        builder.HasIndex(i => new { i.MerchantId, i.AccountId, i.CreatedAt });
        builder.HasOne<BankAccount>().WithMany().HasForeignKey(i => new { i.MerchantId, i.AccountId }).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PayoutMatchConfiguration : IEntityTypeConfiguration<PayoutMatch>
{
    public void Configure(EntityTypeBuilder<PayoutMatch> builder)
    {
        // Each side in at most one match, enforced by the database rather than by a check that could race.
        builder.HasKey(m => new { m.MerchantId, m.PayoutId });
        builder.HasIndex(m => new { m.MerchantId, m.BankTransactionId }).IsUnique();
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<Payout>().WithMany().HasForeignKey(m => new { m.MerchantId, m.PayoutId }).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<BankTransaction>().WithMany().HasForeignKey(m => new { m.MerchantId, m.BankTransactionId }).OnDelete(DeleteBehavior.Restrict);
    }
}
