using System.Security.Cryptography;

namespace PaymentsPortal.Sandbox;

/// <summary>
/// The seeded dice that decide, request by request, which of a simulator's <see cref="FaultSettings"/> strikes, and the faults
/// themselves around a handler's commit. A fixed seed makes a fault-matrix run repeatable. Shared by the gateway simulators'
/// <see cref="SimulatedFaults"/> and the Plaid simulator's faults, which differ only in how a server error reads.
/// </summary>
public sealed class FaultDice
{
    private readonly Lock gate = new();
    private Random dice = new(RandomNumberGenerator.GetInt32(int.MaxValue));

    /// <summary>Restarts the dice from <paramref name="seed"/>, so the same sequence of requests meets the same faults.</summary>
    public void Seed(int seed)
    {
        lock (gate)
        {
            dice = new Random(seed);
        }
    }

    /// <summary>
    /// Before a handler commits. False means the fault has already answered (<paramref name="answerServerError"/>) or given up
    /// (stalled past the caller's timeout), and the handler must not commit or reply.
    /// </summary>
    public async Task<bool> BeforeCommitAsync(FaultSettings current, HttpContext context, Func<HttpContext, Task> answerServerError)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(answerServerError);
        if (current.AddedLatency > TimeSpan.Zero)
        {
            await Task.Delay(current.AddedLatency, context.RequestAborted).ConfigureAwait(false);
        }

        if (Roll(current.ServerError))
        {
            await answerServerError(context).ConfigureAwait(false);
            return false;
        }

        if (Roll(current.TimeoutBeforeCommit))
        {
            await StallAsync(context).ConfigureAwait(false);
            return false;
        }

        return true;
    }

    /// <summary>After a handler committed. False means the reply is lost (stalled or reset) and must not be written.</summary>
    public async Task<bool> AfterCommitAsync(FaultSettings current, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(context);
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
