using System.Security.Cryptography;
using PaymentsPortal.Core.Gateways;

namespace PaymentsPortal.Sandbox;

/// <summary>
/// The current <see cref="FaultSettings"/> of each simulated gateway and the seeded dice that decide, request
/// by request, which fault strikes. A fixed seed makes a fault-matrix run repeatable.
/// </summary>
public sealed class SimulatedFaults
{
    private readonly Lock gate = new();
    private readonly Dictionary<GatewayKind, FaultSettings> settings = [];
    private Random dice = new(RandomNumberGenerator.GetInt32(int.MaxValue));

    /// <summary>Raised after a gateway's settings change; the host opens or closes its listener on <see cref="FaultSettings.Outage"/>.</summary>
    public event Action<GatewayKind, FaultSettings>? Changed;

    public FaultSettings For(GatewayKind kind)
    {
        lock (gate)
        {
            return settings.GetValueOrDefault(kind, FaultSettings.None);
        }
    }

    public void Set(GatewayKind kind, FaultSettings value)
    {
        lock (gate)
        {
            settings[kind] = value;
        }

        Changed?.Invoke(kind, value);
    }

    /// <summary>Restarts the dice from <paramref name="seed"/>, so the same sequence of requests meets the same faults.</summary>
    public void Seed(int seed)
    {
        lock (gate)
        {
            dice = new Random(seed);
        }
    }

    /// <summary>
    /// Call before a handler commits. False means the fault has already answered (500) or given up (stalled past
    /// the caller's timeout), and the handler must not commit or reply.
    /// </summary>
    public async Task<bool> BeforeCommitAsync(GatewayKind kind, HttpContext context)
    {
        var current = For(kind);
        if (current.AddedLatency > TimeSpan.Zero)
        {
            await Task.Delay(current.AddedLatency, context.RequestAborted).ConfigureAwait(false);
        }

        if (Roll(current.ServerError))
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await context.Response.WriteAsJsonAsync(new { error = new { type = "api_error", message = "Simulated server error." } }).ConfigureAwait(false);
            return false;
        }

        if (Roll(current.TimeoutBeforeCommit))
        {
            await StallAsync(context).ConfigureAwait(false);
            return false;
        }

        return true;
    }

    /// <summary>Call after a handler committed. False means the reply is lost (stalled or reset) and must not be written.</summary>
    public async Task<bool> AfterCommitAsync(GatewayKind kind, HttpContext context)
    {
        var current = For(kind);
        if (Roll(current.TimeoutAfterCommit))
        {
            await StallAsync(context).ConfigureAwait(false);
            return false;
        }

        if (Roll(current.ConnectionReset))
        {
            context.Abort();
            return false;
        }

        return true;
    }

    private bool Roll(double probability)
    {
        if (probability <= 0)
        {
            return false;
        }

        lock (gate)
        {
            // The simulator's dice, not a security decision: a seeded Random keeps fault runs repeatable.
#pragma warning disable CA5394
            return dice.NextDouble() < probability;
#pragma warning restore CA5394
        }
    }

    // Waits until the caller gives up (its timeout closes the connection) or the stall ends, then drops the connection.
    private static async Task StallAsync(HttpContext context)
    {
        try
        {
            await Task.Delay(FaultSettings.Stall, context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The caller timed out, as intended.
        }

        context.Abort();
    }
}
