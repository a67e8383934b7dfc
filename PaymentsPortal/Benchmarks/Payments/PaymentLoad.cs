using PaymentsPortal.Core.Gateways.Routing;

namespace PaymentsPortal.Benchmarks.Payments;

/// <summary>
/// One payment through the whole core, <see cref="PaymentRouter.PayAsync"/>: the Idempotency-Key claim, the payment and
/// its timeline and audit entries, the attempt stored before the call, the Stripe call, the outcome, the stored result.
/// Client n pays for merchant n mod M, so with as many merchants as clients no two clients share an audit chain.
/// </summary>
internal sealed class PaymentLoad(PaymentRouter router, Guid[] merchants)
{
    private long notSucceeded;

    /// <summary>Payments that ended other than Succeeded since the start; a healthy run has none.</summary>
    public long NotSucceeded => Interlocked.Read(ref notSucceeded);

    public async Task PayAsync(int client)
    {
        var result = await router.PayAsync(BenchmarkPayments.Pay(merchants[client % merchants.Length], BenchmarkPayments.StripeCard));
        if (!BenchmarkPayments.Succeeded(result))
        {
            Interlocked.Increment(ref notSucceeded);
        }
    }
}
