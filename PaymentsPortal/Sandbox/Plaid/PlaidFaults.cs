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
    private readonly FaultDice dice = new();
    private FaultSettings settings = FaultSettings.None;

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
    public void Seed(int seed) => dice.Seed(seed);

    /// <summary>False when the fault already answered (Plaid's INTERNAL_SERVER_ERROR, 500) or stalled; the handler must not commit.</summary>
    internal Task<bool> BeforeCommitAsync(HttpContext context, string requestId) =>
        dice.BeforeCommitAsync(Current, context, answered =>
        {
            var error = PlaidApiError.InternalServerError();
            return PlaidSimulator.WriteAsync(answered, error.Status, error.ToJson(requestId));
        });

    /// <summary>False when the committed reply is lost (stalled or reset) and must not be written.</summary>
    internal Task<bool> AfterCommitAsync(HttpContext context) => dice.AfterCommitAsync(Current, context);
}
