using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PaymentsPortal.Core.Jobs;

namespace PaymentsPortal.Core.Persistence.Configurations;

/// <summary>Job runs are platform work, not a tenant's: no merchant key.</summary>
internal sealed class JobRunConfiguration : IEntityTypeConfiguration<JobRun>
{
    public void Configure(EntityTypeBuilder<JobRun> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.JobId).HasMaxLength(100);
        builder.Property(r => r.Trigger).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(30);
        builder.Property(r => r.RequestedByName).HasMaxLength(200);
        builder.Property(r => r.BackgroundJobId).HasMaxLength(100);
        builder.Property(r => r.Instance).HasMaxLength(200);
        builder.Property(r => r.Summary).HasMaxLength(500);
        // The Jobs page reads each job's latest runs; the history is pruned by start time.
        builder.HasIndex(r => new { r.JobId, r.StartedAt });
        builder.HasIndex(r => r.StartedAt);
        builder.HasIndex(r => r.JobId).HasFilter("status = 'Running'").HasDatabaseName("ix_job_runs_running");
    }
}
