using System.Collections.Concurrent;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Routing;

namespace PaymentsPortal.Tests.Integration.Gateways.Routing;

/// <summary>
/// A gateway whose answers a router test decides, counting the calls it gets. It stands in for the far end only
/// to exercise the router's decisions; the real adapters are tested against the simulators over HTTP.
/// </summary>
public sealed class ScriptedGateway(GatewayKind kind) : IGatewayAdapterFactory, IPaymentGateway
{
    private readonly ConcurrentQueue<Guid> calls = new();

    public GatewayKind Kind { get; } = kind;

    /// <summary>The answer to every authorize call; may block until a test lets it go.</summary>
    public Func<AuthorizeRequest, Task<GatewayResult>> Answer { get; set; } = request => Task.FromResult(GatewayResult.Succeeded("ch_" + request.AttemptId.ToString("N")));

    public IReadOnlyCollection<Guid> Calls => calls;

    public IPaymentGateway Create(GatewayConnection connection) => this;

    /// <summary>Accept tokens of any issuer, for failover tests that are about outcomes rather than token portability.</summary>
    public bool Accepts { get; set; }

    public bool CanCharge(PaymentToken token) => Accepts || token.IssuedBy == Kind;

    public bool CanSettle(Core.Payments.Currency currency) => true;

    public Task<GatewayResult> AuthorizeAsync(AuthorizeRequest request, CancellationToken cancellationToken)
    {
        calls.Enqueue(request.AttemptId);
        return Answer(request);
    }

    public Task<GatewayResult> CaptureAsync(CaptureRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<GatewayResult> VoidAsync(VoidRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();

    private readonly ConcurrentQueue<RefundRequest> refunds = new();

    /// <summary>The answer to every refund call; by default the gateway refunds.</summary>
    public Func<RefundRequest, GatewayResult> RefundAnswer { get; set; } = request => GatewayResult.Succeeded("re_" + request.RefundId.ToString("N"));

    /// <summary>Every refund call in order, repeats included (a repeat carries the same refund id, the call's key).</summary>
    public IReadOnlyCollection<RefundRequest> RefundCalls => refunds;

    public Task<GatewayResult> RefundAsync(RefundRequest request, CancellationToken cancellationToken)
    {
        refunds.Enqueue(request);
        return Task.FromResult(RefundAnswer(request));
    }

    /// <summary>The answer to every lookup by attempt id.</summary>
    public Func<Guid, GatewayLookup> Lookup { get; set; } = _ => GatewayLookup.NotFound();

    public Task<GatewayLookup> LookupAsync(Guid attemptId, CancellationToken cancellationToken) => Task.FromResult(Lookup(attemptId));
}
