using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Audit.Checkpoints;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Audit.Search;

/// <summary>
/// "Verify integrity" in the workspace: re-walks the chain, then compares it with every signed checkpoint
/// of it (which catches a chain rewritten with recomputed hashes), and records who verified it and the verdict.
/// </summary>
public sealed class AuditIntegrityCheck(IServiceScopeFactory scopes, AuditAccessLog accessLog)
{
    public Task<AuditIntegrityVerdict> VerifyAsync(
        Guid chain, ActingUser by, IProgress<long>? progress = null, CancellationToken cancellationToken = default) =>
        VerifyAsync(chain, by.Actor, by.Origin, progress, cancellationToken);

    /// <summary>The same check by the system (the nightly verification job), recorded the same way.</summary>
    public async Task<AuditIntegrityVerdict> VerifyAsync(
        Guid chain, AuditActor by, AuditOrigin origin, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        AuditIntegrityVerdict verdict;
        await using (var scope = chain == AuditEntry.PlatformChain ? scopes.CreateForPlatform() : scopes.CreateForMerchant(chain))
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var walk = await AuditVerifier.VerifyAsync(db, chain, progress, cancellationToken);
            var checkpoints = await AuditCheckpoints.VerifyChainAgainstCheckpointsAsync(db, chain, cancellationToken);
            verdict = new AuditIntegrityVerdict(walk, checkpoints);
        }

        await accessLog.RecordVerifiedAsync(chain, by, origin, verdict.IsIntact, new
        {
            verified_entries = verdict.Chain.VerifiedEntries,
            first_bad_sequence = verdict.Chain.FirstBadSequence,
            problem = verdict.Chain.Problem,
            checkpoints_checked = verdict.Checkpoints.LeavesChecked,
            checkpoint_mismatch_sequence = verdict.Checkpoints.FirstMismatchSequence,
            checkpoint_problem = verdict.Checkpoints.Problem,
        });
        return verdict;
    }
}

/// <summary>Both halves of an integrity check: the chain's own links, and its agreement with the signed checkpoints.</summary>
public sealed record AuditIntegrityVerdict(AuditVerification Chain, CheckpointVerification Checkpoints)
{
    public bool IsIntact => Chain.IsIntact && Checkpoints.IsConsistent;
}
