using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PaymentsPortal.Core.Persistence;

namespace PaymentsPortal.Core.Webhooks.Inbound.Processing;

/// <summary>
/// Removes processed and ignored inbound events older than <see cref="InboundWebhookOptions.Retention"/>, through the owner's
/// <c>webhook_inbox_apply_retention</c> procedure (the app role cannot delete from the inbox), in batches so no statement holds
/// many locks. Events still waiting and events that failed stay.
/// </summary>
public sealed class WebhookInboxRetention(IServiceScopeFactory scopes, IOptions<InboundWebhookOptions> options, TimeProvider clock)
{
    private const int Batch = 5000;

    public async Task<long> ApplyAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - options.Value.Retention;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        long total = 0;
        long removed;
        do
        {
            removed = (await db.Database.SqlQuery<long>($"SELECT webhook_inbox_apply_retention({cutoff}, {Batch}) AS \"Value\"").ToListAsync(cancellationToken)).Single();
            total += removed;
        }
        while (removed == Batch);

        return total;
    }
}
