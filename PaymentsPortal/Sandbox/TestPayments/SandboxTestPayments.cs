using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Gateways.Routing;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Sandbox.TestPayments;

/// <summary>
/// Sends test payments the way checkout and the router will take real ones: for each, ask which gateway's hosted
/// fields checkout would show now, take that gateway's token for the test card, and pay through the router with a
/// fresh Idempotency-Key. Payments go one after the other, so each sees the breakers the previous ones left.
/// </summary>
public sealed class SandboxTestPayments(CheckoutGatewayChooser chooser, PaymentRouter router, IServiceScopeFactory scopes)
{
    public const string Description = "Sandbox test payment";

    /// <summary>Yields each payment's result as it completes; stops between payments once cancelled.</summary>
    public async IAsyncEnumerable<TestPaymentResult> SendAsync(
        Guid merchantId, ActingUser by, TestPaymentBatch batch, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        ArgumentNullException.ThrowIfNull(batch);
        for (var number = 1; number <= batch.Count && !cancellationToken.IsCancellationRequested; number++)
        {
            yield return await SendOneAsync(merchantId, by, batch, number, cancellationToken);
        }
    }

    private async Task<TestPaymentResult> SendOneAsync(Guid merchantId, ActingUser by, TestPaymentBatch batch, int number, CancellationToken cancellationToken)
    {
        var choice = await chooser.ChooseAsync(merchantId, cancellationToken);
        if (choice.Gateway is not { } gateway)
        {
            return new TestPaymentResult(number, null, null, choice.PassedOver, batch.Amount, null,
                "No gateway admits calls (every breaker is open, or none is enabled): checkout would show no card form. Nothing was sent.", []);
        }

        var charge = SandboxTestCards.For(batch.Card, gateway, batch.Amount);
        if (charge.Token is null)
        {
            return new TestPaymentResult(number, null, gateway, choice.PassedOver, charge.Amount, null, charge.Note ?? "Nothing was sent.", []);
        }

        // Not cancellable once started: stopping the router mid-call would leave the payment Processing with an attempt
        // whose answer nobody recorded. A payment takes at most its gateways' attempt timeouts.
        var result = await router.PayAsync(new PayCommand(merchantId, Guid.NewGuid().ToString(), charge.Amount, charge.Token, CaptureImmediately: true,
            Description, CustomerEmail: null, ReturnUrl: null, by.Actor, by.Origin), CancellationToken.None);
        var attempts = result.PaymentId is { } id ? await AttemptsAsync(merchantId, id) : [];
        var message = charge.Note is null ? result.Message : $"{result.Message} {charge.Note}";
        return new TestPaymentResult(number, result.PaymentId, gateway, choice.PassedOver, charge.Amount, result.Status, message, attempts);
    }

    private async Task<IReadOnlyList<TestPaymentAttempt>> AttemptsAsync(Guid merchantId, Guid paymentId)
    {
        await using var scope = scopes.CreateForMerchant(merchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.PaymentAttempts.AsNoTracking()
            .Where(a => a.PaymentId == paymentId && a.Operation == AttemptOperation.Authorize)
            .OrderBy(a => a.Number)
            .Select(a => new TestPaymentAttempt(a.Number, a.Gateway, a.State, a.Outcome, a.Code, a.LatencyMs))
            .ToListAsync();
    }
}
