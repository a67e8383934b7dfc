using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Audit.Search;

/// <summary>"Verify integrity" in the workspace: re-walks the chain and records who verified it and the verdict.</summary>
public sealed class AuditIntegrityCheck(IServiceScopeFactory scopes, AuditAccessLog accessLog)
{
    public async Task<AuditVerification> VerifyAsync(Guid chain, ActingUser by, CancellationToken cancellationToken = default)
    {
        AuditVerification verdict;
        await using (var scope = chain == AuditEntry.PlatformChain ? scopes.CreateForPlatform() : scopes.CreateForMerchant(chain))
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            verdict = await AuditVerifier.VerifyAsync(db, chain, cancellationToken);
        }

        await accessLog.RecordVerifiedAsync(chain, by, verdict.IsIntact,
            new { verified_entries = verdict.VerifiedEntries, first_bad_sequence = verdict.FirstBadSequence, problem = verdict.Problem });
        return verdict;
    }
}
