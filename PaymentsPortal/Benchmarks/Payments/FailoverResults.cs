using Polly.CircuitBreaker;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Benchmarks.Payments;

/// <summary>One outage of the primary: how long until its breaker opened, who paid for that, and checkout once it was open.</summary>
/// <param name="TimeToOpen">From the fault to the breaker seen open; null when it did not open within a minute.</param>
/// <param name="PaidTimeout">Attempts on the primary that ended Unknown after waiting its whole timeout.</param>
/// <param name="Parked">Payments left in RequiresReconciliation by those attempts: correct, since a timeout is no proof of "not charged".</param>
/// <param name="Open">Checkouts that started after the breaker opened and ended within its break.</param>
/// <param name="OpenOfferedPrimary">Of those, how many were still offered the primary (none, if the chooser works).</param>
/// <param name="OpenNotSucceeded">Of those, how many did not end Succeeded.</param>
internal sealed record OutageResult(
    string Name, TimeSpan? TimeToOpen, long PaidTimeout, long Parked, LatencySummary Open, long OpenOfferedPrimary, long OpenNotSucceeded);

/// <summary>What checkout did once the primary was healthy again and its break was over, and after one payment probed it.</summary>
internal sealed record RecoveryResult(
    TimeSpan SinceOpened, CircuitState StateAfterBreak, GatewayKind? OfferedAfterBreak, PaymentStatus? ProbeStatus, CircuitState StateAfterProbe, GatewayKind? OfferedAfterProbe);

/// <param name="Healthy">Checkouts on the healthy primary, with the same clients and chooser step, just before the second outage.</param>
internal sealed record FailoverResults(
    int Clients, int Merchants, TimeSpan PrimaryTimeout, LatencySummary Healthy, OutageResult FromQuiet, RecoveryResult Recovery, OutageResult AfterLoad);
