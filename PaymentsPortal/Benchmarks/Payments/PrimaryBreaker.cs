using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Polly.CircuitBreaker;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Routing;
using PaymentsPortal.Core.Gateways.Settings;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Benchmarks.Payments;

/// <summary>
/// The primary gateway's circuit breaker as the failover phase observes it from outside: its state, the moment it
/// opens, and what the payments told the database (attempts that timed out, payments parked for reconciliation).
/// </summary>
internal sealed class PrimaryBreaker(GatewayCircuitBreakers breakers, GatewayConnection primary, IServiceScopeFactory scopes, Guid[] merchants)
{
    /// <summary>As <see cref="GatewayCircuitBreakers"/> configures every breaker; it does not expose them.</summary>
    public static readonly TimeSpan SamplingDuration = TimeSpan.FromSeconds(10);

    /// <inheritdoc cref="SamplingDuration"/>
    public static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(15);

    public GatewayKind Kind => primary.Kind;

    public CircuitState State => breakers.StateOf(primary);

    /// <summary>The breaker is keyed by gateway and endpoint, so any failover merchant's connection names the shared one.</summary>
    public static async Task<PrimaryBreaker> ForAsync(IServiceProvider services, Guid[] merchants)
    {
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        await using var scope = scopes.CreateForMerchant(merchants[0]);
        var chain = await services.GetRequiredService<MerchantGatewayChain>().ForAsync(
            scope.ServiceProvider.GetRequiredService<PortalDbContext>(), merchants[0], CancellationToken.None);
        return new PrimaryBreaker(services.GetRequiredService<GatewayCircuitBreakers>(), chain[0], scopes, merchants);
    }

    /// <summary>
    /// The Stopwatch timestamp at which the breaker was first seen open, or null after <paramref name="limit"/>. Polled
    /// every millisecond on a thread of its own, so that a busy thread pool does not make the moment late.
    /// </summary>
    public Task<long?> WaitUntilOpenAsync(TimeSpan limit) => Task.Factory.StartNew<long?>(() =>
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (State == CircuitState.Open)
            {
                return Stopwatch.GetTimestamp();
            }

            Thread.Sleep(1);
        }

        return null;
    }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>Attempts on the primary that ended Unknown: each one waited for the whole attempt timeout.</summary>
    public async Task<long> TimedOutAttemptsAsync()
    {
        await using var scope = scopes.CreateForPlatform();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.PaymentAttempts.IgnoreQueryFilters().LongCountAsync(a => merchants.Contains(a.MerchantId) && a.Gateway == primary.Kind && a.Outcome == GatewayOutcome.Unknown);
    }

    public async Task<long> ParkedPaymentsAsync()
    {
        await using var scope = scopes.CreateForPlatform();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.Payments.IgnoreQueryFilters().LongCountAsync(p => merchants.Contains(p.MerchantId) && p.Status == PaymentStatus.RequiresReconciliation);
    }
}
