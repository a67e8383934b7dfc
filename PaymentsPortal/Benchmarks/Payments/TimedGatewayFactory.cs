using System.Diagnostics;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Routing;

namespace PaymentsPortal.Benchmarks.Payments;

/// <summary>
/// Wraps a gateway's real adapter factory so that the time of each charge call is recorded, and changes nothing else:
/// the router takes the last factory registered for a kind, as a host replacing an adapter would.
/// </summary>
internal sealed class TimedGatewayFactory(IGatewayAdapterFactory inner, StepRecorder recorder) : IGatewayAdapterFactory
{
    public GatewayKind Kind => inner.Kind;

    public IPaymentGateway Create(GatewayConnection connection) => new TimedGateway(inner.Create(connection), recorder);

    private sealed class TimedGateway(IPaymentGateway inner, StepRecorder recorder) : IPaymentGateway
    {
        public GatewayKind Kind => inner.Kind;

        public bool CanCharge(PaymentToken token) => inner.CanCharge(token);

        public bool CanSettle(Core.Payments.Currency currency) => inner.CanSettle(currency);

        public async Task<GatewayResult> AuthorizeAsync(AuthorizeRequest request, CancellationToken cancellationToken)
        {
            var started = Stopwatch.GetTimestamp();
            var result = await inner.AuthorizeAsync(request, cancellationToken);
            recorder.Add($"gateway call: {inner.Kind} charge over HTTP to its simulator", Stopwatch.GetElapsedTime(started));
            return result;
        }

        public Task<GatewayResult> CaptureAsync(CaptureRequest request, CancellationToken cancellationToken) => inner.CaptureAsync(request, cancellationToken);

        public Task<GatewayResult> VoidAsync(VoidRequest request, CancellationToken cancellationToken) => inner.VoidAsync(request, cancellationToken);

        public Task<GatewayResult> RefundAsync(RefundRequest request, CancellationToken cancellationToken) => inner.RefundAsync(request, cancellationToken);

        public Task<GatewayLookup> LookupAsync(Guid attemptId, CancellationToken cancellationToken) => inner.LookupAsync(attemptId, cancellationToken);
    }
}
