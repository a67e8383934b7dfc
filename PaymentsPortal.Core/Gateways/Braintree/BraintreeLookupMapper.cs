using System.Globalization;
using System.Text;
using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Core.Gateways.Braintree;

/// <summary>
/// Turns the transactions found for one order id (one attempt) into a <see cref="GatewayLookup"/>.
/// Braintree has no idempotency key for charges, so a resent attempt can create a second transaction with the same
/// order id. More than one therefore means a possible double charge: the lookup reports the transaction that
/// matters most for the customer's money (taken, then held, then in flight, then given back, then nothing) and
/// names every transaction and its status in <see cref="GatewayLookup.Message"/> for an operator to resolve.
/// </summary>
internal static class BraintreeLookupMapper
{
    public static GatewayLookup From(IReadOnlyList<TransactionNode> found, bool truncated)
    {
        var readable = found.Where(t => !string.IsNullOrEmpty(t.Id)).ToList();
        if (readable.Count == 0)
        {
            return found.Count == 0 && !truncated
                ? GatewayLookup.NotFound()
                : GatewayLookup.Unreachable(GatewayOutcome.Unknown, "Braintree returned transactions without ids.");
        }

        var ranked = readable
            .Select(t => (Transaction: t, State: StateOf(t)))
            .OrderByDescending(x => Significance(x.State))
            .ThenBy(x => x.Transaction.CreatedAt ?? DateTimeOffset.MaxValue)
            .ToList();
        var (chosen, state) = ranked[0];
        if (!BraintreeChargeMapper.TryReadAmount(chosen.Amount, assumed: null, out var amount))
        {
            return GatewayLookup.Unreachable(GatewayOutcome.Unknown, "Braintree's amount for transaction " + chosen.Id + " could not be read exactly.");
        }

        // Listed oldest first, the order in which an operator reads what happened.
        var message = ranked.Count > 1 || truncated
            ? DuplicateMessage(readable.OrderBy(t => t.CreatedAt ?? DateTimeOffset.MaxValue).ToList(), truncated)
            : null;
        return new GatewayLookup(GatewayOutcome.Succeeded, true, state, chosen.Id, amount, message);
    }

    public static GatewayChargeState StateOf(TransactionNode transaction)
    {
        var status = transaction.Status;
        if (BraintreeStatuses.IsCaptured(status))
        {
            return IsFullyRefunded(transaction) ? GatewayChargeState.Refunded : GatewayChargeState.Captured;
        }

        return status switch
        {
            BraintreeStatuses.Authorized => GatewayChargeState.Authorized,
            BraintreeStatuses.Voided or BraintreeStatuses.AuthorizationExpired => GatewayChargeState.Voided,
            _ when BraintreeStatuses.IsFailed(status) => GatewayChargeState.Failed,

            // AUTHORIZING, or a status this code does not know: never read as "no money moved".
            _ => GatewayChargeState.Processing,
        };
    }

    // Refunds that were declined or failed returned nothing, so only the others count towards "fully refunded".
    private static bool IsFullyRefunded(TransactionNode transaction)
    {
        if (transaction.Refunds is not { Count: > 0 } refunds || !BraintreeChargeMapper.TryReadAmount(transaction.Amount, assumed: null, out var charged))
        {
            return false;
        }

        var refunded = Money.Zero(charged.Currency);
        foreach (var refund in refunds.Where(r => !BraintreeStatuses.IsFailed(r.Status) && r.Status != BraintreeStatuses.Voided))
        {
            if (!BraintreeChargeMapper.TryReadAmount(refund.Amount, charged.Currency, out var part) || part.Currency != charged.Currency)
            {
                return false;
            }

            refunded += part;
        }

        return refunded >= charged;
    }

    private static int Significance(GatewayChargeState state) => state switch
    {
        GatewayChargeState.Captured => 6,
        GatewayChargeState.Authorized => 5,
        GatewayChargeState.Processing => 4,
        GatewayChargeState.RequiresAction => 3,
        GatewayChargeState.Refunded => 2,
        GatewayChargeState.Voided => 1,
        GatewayChargeState.Failed => 0,
    };

    private static string DuplicateMessage(List<TransactionNode> transactions, bool truncated)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{transactions.Count}{(truncated ? "+" : "")} Braintree transactions carry this attempt's order id ");
        text.Append("(possible double charge; review and reverse the extras): ");
        text.AppendJoin(", ", transactions.Select(t => t.Id + " " + (t.Status ?? "?")));
        return text.ToString();
    }
}
