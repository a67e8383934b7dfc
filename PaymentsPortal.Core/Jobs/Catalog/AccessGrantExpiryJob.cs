using PaymentsPortal.Core.Access.Grants;
using PaymentsPortal.Core.Identity.StepUp;

namespace PaymentsPortal.Core.Jobs.Catalog;

/// <summary>
/// Records temporary access grants that have run out, and forgets old step-ups. Access itself ends at the expiry time
/// whether or not this has run: the job writes the record (and tells open sessions), it does not end the access.
/// </summary>
public sealed class AccessGrantExpiryJob(AccessGrantExpiry expiry, StepUpAuthentication stepUps) : IPortalJob
{
    public string Id => "access-grant-expiry";

    public string Title => "Temporary access expiry";

    public string Description => "Records temporary access grants whose time is up (audited as 5305) and removes step-up records past their window.";

    // Every 5 minutes is enough: access ends at the grant's expiry time whatever this does, and open sessions re-check every 30 s.
    public string DefaultSchedule => "3-59/5 * * * *";

    public async Task<JobResult> RunAsync(JobProgress progress, CancellationToken cancellationToken)
    {
        var expired = await expiry.ExpireDueAsync(cancellationToken);
        await stepUps.PurgeAsync(cancellationToken);
        return new JobResult(expired, 0, expired == 0 ? null : $"{expired} grant(s) recorded as expired.");
    }
}
