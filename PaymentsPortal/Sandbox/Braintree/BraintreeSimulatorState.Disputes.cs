using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Sandbox.Braintree;

/// <summary>
/// Disputes, disbursements and the searches the gateway sync reads them back with. A sale on the dispute test card is disputed
/// as soon as it settles, as in Braintree's sandbox; a test decides the dispute; a disbursement pays out every settled, not yet
/// disbursed sale less refund of one merchant account, once a day. Searches page by an opaque cursor (the position in the store, which only grows).
/// </summary>
internal sealed partial class BraintreeSimulatorState
{
    /// <summary>How long the merchant has to reply to a simulated dispute.</summary>
    public static readonly TimeSpan ReplyWindow = TimeSpan.FromDays(7);

    private readonly List<DisputeEntry> disputes = [];
    private readonly HashSet<(string MerchantAccountId, DateOnly Day)> disbursedDays = [];

    /// <summary>Decides an open dispute (by its GraphQL or legacy id) for the merchant or the cardholder; false when there is no open one.</summary>
    public BraintreeSimulatedDispute? DecideDispute(string disputeId, bool won)
    {
        lock (gate)
        {
            var dispute = disputes.FirstOrDefault(d => d.Id == disputeId || d.LegacyId == disputeId);
            if (dispute is null || dispute.Status is "WON" or "LOST")
            {
                return null;
            }

            dispute.MoveTo(won ? "WON" : "LOST");
            var snapshot = dispute.Snapshot();
            notices.Add(new BraintreeDisputeNotice(won ? "dispute_won" : "dispute_lost", snapshot));
            return snapshot;
        }
    }

    public IReadOnlyList<BraintreeSimulatedDispute> Disputes()
    {
        lock (gate)
        {
            return disputes.Select(d => d.Snapshot()).ToList();
        }
    }

    /// <summary>
    /// Pays out on <paramref name="day"/> what settled on <paramref name="merchantAccountId"/> since its last disbursement: the settled
    /// sales less the settled refunds, each marked with the day, as Braintree's disbursementDetails show it. Braintree disburses a
    /// merchant account at most once a day, so a second call for the same day (or one with nothing settled) pays nothing.
    /// </summary>
    public BraintreeSimulatedDisbursement? Disburse(string merchantAccountId, DateOnly day)
    {
        lock (gate)
        {
            if (!disbursedDays.Add((merchantAccountId, day)))
            {
                return null;
            }

            var sales = transactions.Where(t => t.MerchantAccountId == merchantAccountId && t.Status == "SETTLED" && t.DisbursedOn is null).ToList();
            var refunds = refundsInOrder
                .Where(p => p.Transaction.MerchantAccountId == merchantAccountId && p.Refund.Status == "SETTLED" && p.Refund.DisbursedOn is null)
                .Select(p => p.Refund)
                .ToList();
            if (sales.Count == 0 && refunds.Count == 0)
            {
                disbursedDays.Remove((merchantAccountId, day));
                return null;
            }

            var currency = sales.Count > 0 ? sales[0].Amount.Currency : refunds[0].Amount.Currency;
            var total = sales.Aggregate(Money.Zero(currency), (sum, t) => sum + t.Amount) - refunds.Aggregate(Money.Zero(currency), (sum, r) => sum + r.Amount);
            sales.ForEach(t => t.DisbursedOn = day);
            refunds.ForEach(r => r.DisbursedOn = day);
            var disbursement = new BraintreeSimulatedDisbursement(
                RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 10), merchantAccountId, total,
                new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), [.. sales.Select(t => t.LegacyId), .. refunds.Select(r => r.LegacyId)]);
            notices.Add(new BraintreeDisbursementNotice(disbursement));
            return disbursement;
        }
    }

    /// <summary>Transactions by status, settlement time, creation time and disbursement day, in the order they were made, a page at a time.</summary>
    public SearchOutcome SearchTransactions(
        IReadOnlyCollection<string> statuses, DateTimeOffset? settledSince, DateTimeOffset? createdSince, DateOnly? disbursedSince, int first, string? after)
    {
        lock (gate)
        {
            var start = PositionAfter(after);
            var matching = transactions
                .Select((entry, position) => (Entry: entry, Position: position))
                .Where(t => t.Position >= start
                    && (statuses.Count == 0 || statuses.Contains(t.Entry.Status))
                    && (settledSince is null || t.Entry.SettledAt >= settledSince)
                    && (createdSince is null || t.Entry.CreatedAt >= createdSince)
                    && (disbursedSince is null || t.Entry.DisbursedOn >= disbursedSince))
                .Take(first + 1)
                .ToList();
            var page = matching.Take(first).ToList();
            return new SearchOutcome(page.Select(t => t.Entry.Snapshot()).ToList(), matching.Count > first, page.Count == 0 ? after : Cursor(page[^1].Position));
        }
    }

    /// <summary>Disputes with a status event that took effect on or after <paramref name="effectiveSince"/> (a day), a page at a time.</summary>
    public DisputeSearchOutcome SearchDisputes(DateTimeOffset? effectiveSince, int first, string? after)
    {
        lock (gate)
        {
            var start = PositionAfter(after);
            var matching = disputes
                .Select((dispute, position) => (Dispute: dispute.Snapshot(), Position: position))
                .Where(d => d.Position >= start && (effectiveSince is null || d.Dispute.StatusHistory.Any(h => h.At.UtcDateTime.Date >= effectiveSince.Value.UtcDateTime.Date)))
                .Take(first + 1)
                .ToList();
            var page = matching.Take(first).ToList();
            return new DisputeSearchOutcome(page.Select(d => d.Dispute).ToList(), matching.Count > first, page.Count == 0 ? after : Cursor(page[^1].Position));
        }
    }

    // Called under the lock when a transaction settles: Braintree's sandbox disputes a sale on its dispute card once it settles.
    private void OpenDisputeIfDisputeCard(Entry entry)
    {
        if (entry.Card != BraintreeTestNonces.DisputeCard || disputes.Any(d => d.Transaction == entry))
        {
            return;
        }

        var legacyId = RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 12);
        var dispute = new DisputeEntry(Convert.ToBase64String(Encoding.UTF8.GetBytes("dispute_" + legacyId)), legacyId, entry, entry.Amount - entry.Refunded);
        disputes.Add(dispute);
        notices.Add(new BraintreeDisputeNotice("dispute_opened", dispute.Snapshot()));
    }

    private static string Cursor(int position) => Convert.ToBase64String(Encoding.UTF8.GetBytes("position:" + position.ToString(CultureInfo.InvariantCulture)));

    private static int PositionAfter(string? cursor)
    {
        if (cursor is null)
        {
            return 0;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            return text.StartsWith("position:", StringComparison.Ordinal) && int.TryParse(text["position:".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var position)
                ? position + 1
                : int.MaxValue;
        }
        catch (FormatException)
        {
            return int.MaxValue;
        }
    }

    private sealed class DisputeEntry(string id, string legacyId, Entry transaction, Money amount)
    {
        private readonly List<(string Status, DateTimeOffset At)> history = [("OPEN", DateTimeOffset.UtcNow)];

        public string Id { get; } = id;

        public string LegacyId { get; } = legacyId;

        public Entry Transaction { get; } = transaction;

        public string Status => history[^1].Status;

        public void MoveTo(string status) => history.Add((status, DateTimeOffset.UtcNow));

        public BraintreeSimulatedDispute Snapshot()
        {
            var opened = history[0].At;
            var received = new DateTimeOffset(opened.UtcDateTime.Date, TimeSpan.Zero);
            return new BraintreeSimulatedDispute(
                Id, LegacyId, Transaction.Id, Transaction.LegacyId, Transaction.OrderId, Transaction.Amount, amount, Status, "FRAUD", opened, received,
                received + ReplyWindow, history.ToList());
        }
    }
}
