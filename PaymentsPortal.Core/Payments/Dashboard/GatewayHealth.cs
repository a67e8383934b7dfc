using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Polly.CircuitBreaker;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Routing;
using PaymentsPortal.Core.Gateways.Settings;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Payments.Dashboard;

/// <summary>
/// Each of the merchant's gateways as payments see it now: its breaker in this instance, and over the last hour the
/// latency percentiles of its authorize calls and how many ended without a usable answer. Attempt ids are UUIDv7, so
/// "the last hour" is a range on the primary key rather than a scan of the merchant's whole history.
/// </summary>
public sealed class GatewayHealthQueries(IServiceScopeFactory scopes, MerchantGatewayChain chains, GatewayCircuitBreakers breakers, TimeProvider clock)
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    public async Task<GatewayHealthReport> ForMerchantAsync(Guid merchantId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateForMerchant(merchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var since = clock.GetUtcNow() - Window;
        var lowest = SmallestVersion7At(since);
        var stats = await db.Database.SqlQuery<GatewayCallStats>($"""
            SELECT gateway AS gateway, count(*)::int AS calls,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms) AS p50,
                   percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms) AS p95,
                   percentile_cont(0.99) WITHIN GROUP (ORDER BY latency_ms) AS p99,
                   count(*) FILTER (WHERE outcome IN ('NotSent', 'Unknown'))::int AS unanswered,
                   count(*) FILTER (WHERE outcome = 'Declined')::int AS declined
            FROM payment_attempts
            WHERE merchant_id = {merchantId} AND id >= {lowest} AND operation = 'Authorize' AND state = 'Completed'
            GROUP BY gateway
            """).ToListAsync(cancellationToken);
        var failovers = await db.Payments.CountAsync(p => p.CreatedAt >= since && p.FailedOver, cancellationToken);
        var chain = await chains.ForAsync(db, merchantId, cancellationToken);
        var gateways = chain.Select((connection, index) =>
            new GatewayHealth(connection.Kind, index + 1, breakers.StateOf(connection), stats.FirstOrDefault(s => s.Gateway == connection.Kind.ToString())));
        return new GatewayHealthReport([.. gateways], failovers);
    }

    // The smallest UUIDv7 of a millisecond: its 48-bit timestamp, version 7, every other bit zero. PostgreSQL orders uuids
    // byte by byte, which for version 7 is time order.
    private static Guid SmallestVersion7At(DateTimeOffset at)
    {
        Span<byte> bytes = stackalloc byte[16];
        var ms = at.ToUnixTimeMilliseconds();
        for (var i = 0; i < 6; i++)
        {
            bytes[i] = (byte)(ms >> (8 * (5 - i)));
        }

        bytes[6] = 0x70;
        return new Guid(bytes, bigEndian: true);
    }
}

public sealed record GatewayCallStats(string Gateway, int Calls, double? P50, double? P95, double? P99, int Unanswered, int Declined);

/// <param name="Position">Its place in the merchant's order, 1 first.</param>
public sealed record GatewayHealth(GatewayKind Gateway, int Position, CircuitState Circuit, GatewayCallStats? LastHour);

/// <param name="FailoversLastHour">Payments of the last hour that moved on from a gateway they tried.</param>
public sealed record GatewayHealthReport(IReadOnlyList<GatewayHealth> Gateways, int FailoversLastHour);
