using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Common;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Sandbox.Faults;

/// <summary>
/// Switches a simulated gateway's faults for a person on the Sandbox faults page and records who did it (5405) on
/// the chain of the merchant they were working in. The faults themselves are process-wide: every merchant and user of
/// this instance meets them.
/// </summary>
public sealed class SandboxFaultSwitch(SimulatedFaults faults, SandboxGateways gateways, IServiceScopeFactory scopes, IAuditTrail trail) : IDisposable
{
    // Two admins applying at once would otherwise be able to commit their entries in one order and apply in the other,
    // leaving a trail whose last entry is not the faults in force.
    private readonly SemaphoreSlim applying = new(1, 1);

    public FaultSettings Current(GatewayKind kind) => faults.For(kind);

    public bool Simulates(GatewayKind kind) => gateways.Host.Serves(kind);

    public async Task<CommandResult> ApplyAsync(Guid merchantId, ActingUser by, GatewayKind kind, FaultSettingsInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        ArgumentNullException.ThrowIfNull(input);
        if (!Simulates(kind))
        {
            return CommandResult.Fail($"{kind} has no simulator in this Sandbox.");
        }

        if (input.Problems.Count > 0)
        {
            return CommandResult.Fail(string.Join(" ", input.Problems));
        }

        var after = input.ToSettings();
        await applying.WaitAsync(cancellationToken);
        try
        {
            var before = faults.For(kind);

            // Recorded before it takes effect: a change that is in force but not in the trail is the one outcome to rule out.
            await using (var scope = scopes.CreateForMerchant(merchantId))
            {
                var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
                await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
                await trail.AppendAsync(db, new AuditRecord(merchantId, AuditAction.SandboxFaultsChanged, AuditOutcome.Success, by.Actor, "gateway",
                    kind.ToString(), null, new { gateway = kind.ToString(), scope = "process-wide", before = Describe(before), after = Describe(after) },
                    by.Origin), cancellationToken);
                await tx.CommitAsync(cancellationToken);
            }

            faults.Set(kind, after);

            // Setting the faults starts the listener switch in the background; awaiting it here means that when the page
            // says "applied", the next payment already meets the outage (or the listener again).
            await gateways.Host.ApplyOutageAsync(kind, after.Outage);
            return CommandResult.Ok;
        }
        finally
        {
            applying.Release();
        }
    }

    public Task<CommandResult> ClearAsync(Guid merchantId, ActingUser by, GatewayKind kind, CancellationToken cancellationToken = default) =>
        ApplyAsync(merchantId, by, kind, FaultSettingsInput.From(FaultSettings.None), cancellationToken);

    public void Dispose() => applying.Dispose();

    private static object Describe(FaultSettings settings) => new
    {
        added_latency_ms = (int)settings.AddedLatency.TotalMilliseconds,
        server_error = settings.ServerError,
        timeout_before_commit = settings.TimeoutBeforeCommit,
        timeout_after_commit = settings.TimeoutAfterCommit,
        connection_reset = settings.ConnectionReset,
        outage = settings.Outage,
    };
}
