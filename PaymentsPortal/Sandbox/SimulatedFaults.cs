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
    private readonly FaultDice dice = new();

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
    public void Seed(int seed) => dice.Seed(seed);

    /// <summary>
    /// Call before a handler commits. False means the fault has already answered (500) or given up (stalled past
    /// the caller's timeout), and the handler must not commit or reply.
    /// </summary>
    public Task<bool> BeforeCommitAsync(GatewayKind kind, HttpContext context) => dice.BeforeCommitAsync(For(kind), context, AnswerServerErrorAsync);

    /// <summary>Call after a handler committed. False means the reply is lost (stalled or reset) and must not be written.</summary>
    public Task<bool> AfterCommitAsync(GatewayKind kind, HttpContext context) => dice.AfterCommitAsync(For(kind), context);

    private static Task AnswerServerErrorAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        return context.Response.WriteAsJsonAsync(new { error = new { type = "api_error", message = "Simulated server error." } });
    }
}
