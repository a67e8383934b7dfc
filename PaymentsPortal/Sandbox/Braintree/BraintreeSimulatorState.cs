using System.Security.Cryptography;
using System.Text;
using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Sandbox.Braintree;

/// <summary>
/// The simulated Braintree account's transactions and refunds, in memory and thread-safe: every read and write of
/// the store happens under one lock, and callers only ever see immutable snapshots. Charges follow Braintree's
/// rules that matter to the adapter: no idempotency for charges (the same order id can be charged twice), capture
/// only from AUTHORIZED, refund only once settled, reverse = void before settlement and full refund after, and
/// apiRequestKey replays the first result of a capture, refund or reversal.
/// </summary>
internal sealed partial class BraintreeSimulatorState(BraintreeSimulatorOptions options)
{
    private readonly Lock gate = new();
    private readonly List<Entry> transactions = [];
    private readonly Dictionary<string, Entry> byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (Entry Transaction, RefundEntry Refund)> refundsById = new(StringComparer.Ordinal);

    // In the order they were made, for the refund search's cursor.
    private readonly List<(Entry Transaction, RefundEntry Refund)> refundsInOrder = [];
    private readonly Dictionary<string, (string Fingerprint, string ObjectId, bool IsRefund)> requestKeys = new(StringComparer.Ordinal);
    private readonly List<BraintreeNotice> notices = [];

    public BraintreeSimulatedOutcome Charge(string paymentMethodId, string amountText, string? orderId, string? merchantAccountId, bool submitForSettlement)
    {
        var accountId = merchantAccountId ?? options.DefaultMerchantAccountId;
        if (!options.MerchantAccounts.TryGetValue(accountId, out var currencyCode) || !Currency.TryFrom(currencyCode, out var currency))
        {
            return ErrorOutcome.Validation("91513", "Merchant account ID is invalid.");
        }

        if (ParseAmount(amountText, currency) is not { } amount)
        {
            return ErrorOutcome.Validation("81503", "Amount is an invalid format.");
        }

        if (!amount.IsPositive)
        {
            return ErrorOutcome.Validation("81531", "Amount must be greater than zero.");
        }

        if (paymentMethodId == BraintreeTestNonces.Consumed)
        {
            return ErrorOutcome.Validation("93107", "Cannot use a payment_method_nonce more than once.");
        }

        if (!BraintreeTestNonces.TryFind(paymentMethodId, out var card, out var forced))
        {
            return ErrorOutcome.Validation("91565", "Unknown or expired payment_method_nonce.");
        }

        var decision = forced ?? BraintreeTestNonces.ByAmount(amount)
            ?? new BraintreeChargeDecision(submitForSettlement ? Submitted() : "AUTHORIZED", "1000", "Approved");
        var entry = new Entry(NewId("transaction", out var legacyId), legacyId, orderId ?? "", accountId, amount, card, decision);
        lock (gate)
        {
            transactions.Add(entry);
            byId.Add(entry.Id, entry);
            NoteIfSettled(entry);
            return new TransactionOutcome(entry.Snapshot());
        }
    }

    public BraintreeSimulatedOutcome Capture(string transactionId, string? amountText, string? apiRequestKey)
    {
        lock (gate)
        {
            if (Replay(apiRequestKey, $"capture|{transactionId}|{amountText}") is { } replay)
            {
                return replay;
            }

            if (!byId.TryGetValue(transactionId, out var entry))
            {
                return ErrorOutcome.NotFound();
            }

            if (entry.Status != "AUTHORIZED")
            {
                return ErrorOutcome.Validation("91507", "Cannot submit for settlement unless status is authorized.");
            }

            var amount = amountText is null ? entry.Amount : ParseAmount(amountText, entry.Amount.Currency);
            if (amount is not { IsPositive: true } captured)
            {
                return ErrorOutcome.Validation("81503", "Amount is an invalid format.");
            }

            if (captured > entry.Amount)
            {
                return ErrorOutcome.Validation("91522", "Settlement amount is too large.");
            }

            entry.Amount = captured;
            entry.MoveTo(Submitted());
            NoteIfSettled(entry);
            Remember(apiRequestKey, $"capture|{transactionId}|{amountText}", entry.Id, isRefund: false);
            return new TransactionOutcome(entry.Snapshot());
        }
    }

    public BraintreeSimulatedOutcome Reverse(string transactionId, string? apiRequestKey)
    {
        lock (gate)
        {
            if (Replay(apiRequestKey, $"reverse|{transactionId}") is { } replay)
            {
                return replay;
            }

            if (!byId.TryGetValue(transactionId, out var entry))
            {
                return ErrorOutcome.NotFound();
            }

            if (entry.Status is "AUTHORIZED" or "SUBMITTED_FOR_SETTLEMENT")
            {
                entry.MoveTo("VOIDED");
                Remember(apiRequestKey, $"reverse|{transactionId}", entry.Id, isRefund: false);
                return new TransactionOutcome(entry.Snapshot());
            }

            if (entry.Status is not ("SETTLED" or "SETTLING"))
            {
                return ErrorOutcome.Validation("91504", "Transaction can only be voided if status is authorized or submitted_for_settlement.");
            }

            var remaining = entry.Amount - entry.Refunded;
            return remaining.IsPositive
                ? AddRefund(entry, remaining, entry.OrderId, apiRequestKey, $"reverse|{transactionId}")
                : ErrorOutcome.Validation("91512", "Transaction has already been completely refunded.");
        }
    }

    public BraintreeSimulatedOutcome Refund(string transactionId, string? amountText, string? orderId, string? apiRequestKey)
    {
        var fingerprint = $"refund|{transactionId}|{amountText}|{orderId}";
        lock (gate)
        {
            if (Replay(apiRequestKey, fingerprint) is { } replay)
            {
                return replay;
            }

            if (!byId.TryGetValue(transactionId, out var entry))
            {
                return ErrorOutcome.NotFound();
            }

            if (entry.Status is not ("SETTLED" or "SETTLING"))
            {
                return ErrorOutcome.Validation("91506", "Cannot refund a transaction unless it is settled.");
            }

            var remaining = entry.Amount - entry.Refunded;
            var amount = amountText is null ? remaining : ParseAmount(amountText, entry.Amount.Currency);
            if (amount is not { IsPositive: true } refund)
            {
                return ErrorOutcome.Validation("81503", "Amount is an invalid format.");
            }

            return refund > remaining
                ? ErrorOutcome.Validation("91521", "Refund amount is too large.")
                : AddRefund(entry, refund, orderId ?? entry.OrderId, apiRequestKey, fingerprint);
        }
    }

    public SearchOutcome Search(string orderId, int first)
    {
        lock (gate)
        {
            var matching = transactions.Where(t => t.OrderId == orderId).ToList();
            return new SearchOutcome(matching.Take(first).Select(t => t.Snapshot()).ToList(), matching.Count > first, null);
        }
    }

    public IReadOnlyList<string> OrderIds()
    {
        lock (gate)
        {
            return transactions.Select(t => t.OrderId).Distinct(StringComparer.Ordinal).ToList();
        }
    }

    public IReadOnlyList<BraintreeSimulatedTransaction> TransactionsFor(string orderId) => Search(orderId, int.MaxValue).Transactions;

    public BraintreeSimulatedTransaction? Find(string transactionId)
    {
        lock (gate)
        {
            return byId.TryGetValue(transactionId, out var entry) ? entry.Snapshot() : null;
        }
    }

    /// <summary>
    /// Braintree's settlement batch for one transaction or refund (sandboxSettleTransaction): submitted becomes settled, and a
    /// settled refund is notified as a settled credit.
    /// </summary>
    public bool Settle(string transactionId)
    {
        lock (gate)
        {
            if (refundsById.TryGetValue(transactionId, out var refunded))
            {
                return SettleRefund(refunded.Transaction, refunded.Refund);
            }

            if (!byId.TryGetValue(transactionId, out var entry) || entry.Status != "SUBMITTED_FOR_SETTLEMENT")
            {
                return false;
            }

            entry.MoveTo("SETTLED");
            NoteIfSettled(entry);
            return true;
        }
    }

    private string Submitted() => options.SettleImmediately ? "SETTLED" : "SUBMITTED_FOR_SETTLEMENT";

    /// <summary>The notifications of settlements committed so far, each handed out once.</summary>
    public IReadOnlyList<BraintreeNotice> TakeNotices()
    {
        lock (gate)
        {
            var taken = notices.ToList();
            notices.Clear();
            return taken;
        }
    }

    // Braintree notifies settlement (transaction_settled), not authorization or voids; called under the lock.
    private void NoteIfSettled(Entry entry)
    {
        if (entry.Status == "SETTLED")
        {
            var transaction = entry.Snapshot();
            notices.Add(new BraintreeSettlementNotice("transaction_settled", transaction.LegacyId, "sale", transaction.Amount, transaction.OrderId, null, transaction.MerchantAccountId));
            OpenDisputeIfDisputeCard(entry);
        }
    }

    // Called under the lock.
    private bool SettleRefund(Entry entry, RefundEntry refund)
    {
        if (refund.Status != "SUBMITTED_FOR_SETTLEMENT")
        {
            return false;
        }

        refund.Settle();
        var transaction = entry.Snapshot();
        notices.Add(new BraintreeSettlementNotice("transaction_settled", refund.LegacyId, "credit", refund.Amount, refund.OrderId, transaction.LegacyId, transaction.MerchantAccountId));
        return true;
    }

    /// <summary>Refunds settled since <paramref name="settledSince"/> or disbursed since <paramref name="disbursedSince"/>, in the order they were made, a page at a time.</summary>
    public RefundSearchOutcome SearchRefunds(DateTimeOffset? settledSince, DateOnly? disbursedSince, int first, string? after)
    {
        lock (gate)
        {
            var start = PositionAfter(after);
            var matching = refundsInOrder
                .Select((pair, position) => (Refund: pair.Refund.Snapshot(pair.Transaction.Id, pair.Transaction.MerchantAccountId), Position: position))
                .Where(r => r.Position >= start
                    && (settledSince is null || r.Refund.SettledAt >= settledSince)
                    && (disbursedSince is null || r.Refund.DisbursementDate >= disbursedSince))
                .Take(first + 1)
                .ToList();
            var page = matching.Take(first).ToList();
            return new RefundSearchOutcome(page.Select(r => r.Refund).ToList(), matching.Count > first, page.Count == 0 ? after : Cursor(page[^1].Position));
        }
    }

    private RefundOutcome AddRefund(Entry entry, Money amount, string orderId, string? apiRequestKey, string fingerprint)
    {
        var refund = new RefundEntry(NewId("refund", out var legacyId), legacyId, orderId, amount, options.SettleImmediately ? "SETTLED" : "SUBMITTED_FOR_SETTLEMENT");
        entry.Refunds.Add(refund);
        refundsById.Add(refund.Id, (entry, refund));
        refundsInOrder.Add((entry, refund));
        if (options.SettleImmediately)
        {
            var transaction = entry.Snapshot();
            notices.Add(new BraintreeSettlementNotice("transaction_settled", legacyId, "credit", amount, orderId, transaction.LegacyId, transaction.MerchantAccountId));
        }

        Remember(apiRequestKey, fingerprint, refund.Id, isRefund: true);
        return new RefundOutcome(refund.Snapshot(entry.Id));
    }

    // A repeated apiRequestKey returns the first operation's object in its current state; the same key with other
    // input is refused, as Braintree does.
    private BraintreeSimulatedOutcome? Replay(string? apiRequestKey, string fingerprint)
    {
        if (apiRequestKey is null || !requestKeys.TryGetValue(apiRequestKey, out var first))
        {
            return null;
        }

        if (first.Fingerprint != fingerprint)
        {
            return new ErrorOutcome("VALIDATION", "apiRequestKey was already used with different input.");
        }

        if (first.IsRefund)
        {
            var (transaction, refund) = refundsById[first.ObjectId];
            return new RefundOutcome(refund.Snapshot(transaction.Id));
        }

        return new TransactionOutcome(byId[first.ObjectId].Snapshot());
    }

    private void Remember(string? apiRequestKey, string fingerprint, string objectId, bool isRefund)
    {
        if (apiRequestKey is not null)
        {
            requestKeys[apiRequestKey] = (fingerprint, objectId, isRefund);
        }
    }

    private static Money? ParseAmount(string text, Currency currency) =>
        Money.TryParse(text, currency, out var money, out _) ? money : null;

    // Braintree's global ids are base64 of "<type>_<legacy id>"; legacy ids are short lower-case strings.
    private static string NewId(string type, out string legacyId)
    {
        legacyId = RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 8);
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(type + "_" + legacyId));
    }

    private sealed class Entry(string id, string legacyId, string orderId, string merchantAccountId, Money amount, BraintreeSimulatedCard card, BraintreeChargeDecision decision)
    {
        private readonly List<string> history = [decision.Status];

        public string Id { get; } = id;

        public string LegacyId { get; } = legacyId;

        public string OrderId { get; } = orderId;

        public string MerchantAccountId { get; } = merchantAccountId;

        public BraintreeSimulatedCard Card { get; } = card;

        /// <summary>When the settlement batch settled it; what a search by statusTransition.settledAt reads.</summary>
        public DateTimeOffset? SettledAt { get; private set; } = decision.Status == "SETTLED" ? DateTimeOffset.UtcNow : null;

        /// <summary>The day a disbursement paid it out to the merchant; null until then.</summary>
        public DateOnly? DisbursedOn { get; set; }

        public Money Amount { get; set; } = amount;

        public string Status { get; private set; } = decision.Status;

        public List<RefundEntry> Refunds { get; } = [];

        public Money Refunded => Refunds.Select(r => r.Snapshot(Id)).Where(r => r.CountsTowardsRefunded).Aggregate(Money.Zero(Amount.Currency), (sum, r) => sum + r.Amount);

        public DateTimeOffset CreatedAt { get; } = DateTimeOffset.UtcNow;

        public void MoveTo(string status)
        {
            Status = status;
            SettledAt = status == "SETTLED" ? DateTimeOffset.UtcNow : SettledAt;
            history.Insert(0, status);
        }

        public BraintreeSimulatedTransaction Snapshot() => new(
            Id, LegacyId, OrderId, MerchantAccountId, Status, Amount, CreatedAt, Card, decision.ProcessorCode, decision.ProcessorMessage,
            decision.DeclineType, decision.RejectionReason, history.ToList(), Refunds.Select(r => r.Snapshot(Id)).ToList(), SettledAt, DisbursedOn);
    }

    private sealed class RefundEntry(string id, string legacyId, string orderId, Money amount, string status)
    {
        public string Id { get; } = id;

        public string LegacyId { get; } = legacyId;

        public string OrderId { get; } = orderId;

        public Money Amount { get; } = amount;

        public string Status { get; private set; } = status;

        private DateTimeOffset CreatedAt { get; } = DateTimeOffset.UtcNow;

        private DateTimeOffset? SettledAt { get; set; } = status == "SETTLED" ? DateTimeOffset.UtcNow : null;

        /// <summary>The day a disbursement took it from the merchant's payout; null until then.</summary>
        public DateOnly? DisbursedOn { get; set; }

        public void Settle() => (Status, SettledAt) = ("SETTLED", DateTimeOffset.UtcNow);

        public BraintreeSimulatedRefund Snapshot(string transactionId, string merchantAccountId = "") =>
            new(Id, LegacyId, transactionId, OrderId, Status, Amount, CreatedAt, merchantAccountId, SettledAt, DisbursedOn);
    }
}
