using System.Collections.Concurrent;
using System.Globalization;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Routing;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Sandbox.Braintree;
using PaymentsPortal.Sandbox.Stripe;

namespace PaymentsPortal.Tests.Integration.Sandbox;

/// <summary>
/// Compares what the portal recorded with what the simulators hold, payment by payment, and collects every disagreement
/// with enough detail to find it; the summary counts what the faults made happen, to show the matrix covered it.
/// </summary>
internal sealed class MatrixReport(StripeSimulator stripe, BraintreeSimulator braintree)
{
    private readonly List<string> problems = [];
    private readonly Dictionary<string, int> tally = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Problems => problems;

    public string Summary => string.Join(", ", tally.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}: {t.Value}"))
        + $"; problems: {problems.Count}" + (problems.Count > 0 ? Environment.NewLine + string.Join(Environment.NewLine, problems.Take(20)) : "");

    public void CheckKeys(int keys, ConcurrentBag<(string Key, PayResult Result)> results, List<Payment> payments)
    {
        if (payments.Count != keys)
        {
            problems.Add($"{keys} distinct Idempotency-Keys made {payments.Count} payments");
        }

        foreach (var group in results.GroupBy(r => r.Key))
        {
            if (group.Select(r => r.Result.PaymentId).Distinct().Count() != 1)
            {
                problems.Add($"key {group.Key} answered with different payments: {string.Join(", ", group.Select(r => $"{r.Result.Kind} {r.Result.PaymentId}"))}");
            }
        }

        foreach (var result in results)
        {
            Count("answer " + result.Result.Kind);
        }
    }

    public void CheckPayment(Payment payment, List<PaymentAttempt> attempts)
    {
        Count("status " + payment.Status);
        foreach (var attempt in attempts)
        {
            Count(attempt.Operation == AttemptOperation.Authorize ? $"authorize {attempt.State} {attempt.Outcome}" : $"{attempt.Operation} {attempt.Outcome}");
            if (attempt.Outcome is GatewayOutcome.NotSent or GatewayOutcome.Unknown)
            {
                Count($"{attempt.Outcome}: {attempt.Code}");
            }
        }

        var money = attempts.Where(a => a.Operation == AttemptOperation.Authorize && a.State != AttemptState.Skipped)
            .Select(a => (Attempt: a, Taken: TakenAt(a), Held: HeldAt(a))).Where(m => m.Taken > 0 || m.Held > 0).ToList();
        var taken = money.Sum(m => m.Taken);
        var held = money.Sum(m => m.Held);
        var what = string.Create(CultureInfo.InvariantCulture,
            $"payment {payment.Id} ({payment.Status}, {payment.AmountMinor}, gateway {payment.Gateway}): taken {taken}, held {held} on {money.Count} attempt(s)");
        var agrees = payment.Status switch
        {
            PaymentStatus.Succeeded => taken == payment.AmountMinor && held == 0 && money.Count == 1 && money[0].Attempt.Gateway == payment.Gateway,
            PaymentStatus.Authorized => held == payment.AmountMinor && taken == 0 && money.Count == 1 && money[0].Attempt.Gateway == payment.Gateway,
            PaymentStatus.Failed or PaymentStatus.Canceled or PaymentStatus.RequiresAction => money.Count == 0,
            // Anything else is a payment left undecided: lost, as far as its customer can tell.
            _ => false,
        };
        if (!agrees)
        {
            problems.Add(what);
        }
    }

    /// <summary>Every charge at either simulator must belong to an attempt the portal recorded: nothing charged behind its back.</summary>
    public void CheckNoUnknownCharges(List<PaymentAttempt> attempts)
    {
        var known = attempts.Select(a => a.Id.ToString("D", CultureInfo.InvariantCulture)).ToHashSet(StringComparer.Ordinal);
        foreach (var reference in stripe.ChargedReferences().Concat(braintree.ChargedReferences()).Where(r => !known.Contains(r)))
        {
            problems.Add($"a simulator holds a charge for {reference}, which is no attempt of the portal");
        }
    }

    private long TakenAt(PaymentAttempt attempt) => attempt.Gateway == GatewayKind.Stripe
        ? stripe.ChargesFor(attempt.Id).Where(c => c.Succeeded).Sum(c => c.NetCaptured)
        : braintree.ChargesFor(attempt.Id).Sum(t => t.NetCharged.MinorUnits);

    private long HeldAt(PaymentAttempt attempt) => attempt.Gateway == GatewayKind.Stripe
        ? stripe.ChargesFor(attempt.Id).Where(c => c.HoldsAuthorization).Sum(c => c.Amount)
        : braintree.ChargesFor(attempt.Id).Where(t => t.Status == "AUTHORIZED").Sum(t => t.Amount.MinorUnits);

    private void Count(string what) => tally[what] = tally.GetValueOrDefault(what) + 1;
}
