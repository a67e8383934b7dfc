using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PaymentsPortal.Core.Identity;
using PaymentsPortal.Core.Identity.StepUp;

namespace PaymentsPortal.Core.Persistence.Configurations;

internal sealed class StepUpRecordConfiguration : IEntityTypeConfiguration<StepUpRecord>
{
    public void Configure(EntityTypeBuilder<StepUpRecord> builder)
    {
        builder.ToTable("step_ups");
        builder.HasKey(s => new { s.UserId, s.SessionId });
        builder.HasIndex(s => s.SteppedUpAt);
        builder.Property(s => s.Method).HasConversion<string>().HasMaxLength(30);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
