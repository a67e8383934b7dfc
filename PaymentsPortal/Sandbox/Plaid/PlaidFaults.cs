using System.Security.Cryptography;

namespace PaymentsPortal.Sandbox.Plaid;

/// <summary>
/// The Plaid simulator's transport faults: the same <see cref="FaultSettings"/> the gateway simulators take (latency, 500s,
/// stalls, resets, and an outage that closes the listener), with dice of its own. Not <see cref="SimulatedFaults"/>, which is
/// keyed by GatewayKind: Plaid is not a payment gateway, and adding it there would offer it to the gateway router. Plaid's
/// application-level failures (INSTITUTION_DOWN, rate limits, Item errors) are switches on <see cref="PlaidSimulator"/>.
/// </summary>
public sealed class PlaidFaults
{
    private readonly Lock gate = new();
    private FaultSettings settings = FaultSettings.None;
    private Random dice = new(RandomNumberGenerator.GetInt32(int.MaxValue));

    /// <summary>Raised after the settings change; <see cref="PlaidSimulatorHost"/> opens or closes its listener on Outage.</summary>
    public event Action<FaultSettings>? Changed;

    public FaultSettings Current
    {
        get
        {
            lock (gate)
            {
                return settings;
            }
        }
    }

    public void Set(FaultSettings value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (gate)
        {
            settings = value;
        }

        Changed?.Invoke(value);
    }

    /// <summary>Restarts the dice, so the same sequence of requests meets the same faults.</summary>
    public void Seed(int seed)
    {
        lock (gate)
        {
            dice = new Random(seed);
        }
    }

    /// <summary>False when the fault already answered (Plaid's INTERNAL_SERVER_ERROR, 500) or stalled; the handler must not commit.</summary>
    internal async Task<bool> BeforeCommitAsync(HttpContext context, string requestId)
    {
        var current = Current;
        if (current.AddedLatency > TimeSpan.Zero)
        {
            await Task.Delay(current.AddedLatency, context.RequestAborted).ConfigureAwait(false);
        }

        if (Roll(current.ServerError))
        {
            await PlaidSimulator.WriteAsync(context, PlaidApiError.InternalServerError().Status, PlaidApiError.InternalServerError().ToJson(requestId)).ConfigureAwait(false);
            return false;
        }

        if (Roll(current.TimeoutBeforeCommit))
        {
            await StallAsync(context).ConfigureAwait(false);
            return false;
        }

        return true;
    }

    /// <summary>False when the committed reply is lost (stalled or reset) and must not be written.</summary>
    internal async Task<bool> AfterCommitAsync(HttpContext context)
    {
        var current = Current;
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
