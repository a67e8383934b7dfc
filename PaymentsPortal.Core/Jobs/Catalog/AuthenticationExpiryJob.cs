using PaymentsPortal.Core.Payments.Checkout;

namespace PaymentsPortal.Core.Jobs.Catalog;

/// <summary>Ends payments whose customer abandoned 3-D Secure, after asking the gateway whether they finished after all.</summary>
public sealed class AuthenticationExpiryJob(AbandonedAuthentications abandoned) : IPortalJob
{
    private const int BatchSize = 200;

    public string Id => "authentication-expiry";

    public string Title => "Abandoned 3-D Secure";

    public string Description =>
        "Cancels at the gateway, then in the portal, payments that waited longer than Payments:Checkout:AuthenticationTimeout (1 hour) for the customer's 3-D Secure, which gives their payment link's use back; one the customer finished after all is settled instead.";

    // Every 10 minutes: the timeout is an hour, so a few minutes more change nothing, and an idle portal stays quiet.
    public string DefaultSchedule => "8-59/10 * * * *";

    public async Task<JobResult> RunAsync(JobProgress progress, CancellationToken cancellationToken)
    {
        var ended = await abandoned.ExpireDueAsync(BatchSize, cancellationToken);
        return new JobResult(ended, 0, ended == 0 ? null : $"{ended} payment(s) waiting for 3-D Secure ended.");
    }
}
