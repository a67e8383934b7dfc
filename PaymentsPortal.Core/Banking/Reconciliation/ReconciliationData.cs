using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Banking.Accounts;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Payouts;
using PaymentsPortal.Core.Persistence;

namespace PaymentsPortal.Core.Banking.Reconciliation;

/// <summary>A payout and the deposit it was matched with.</summary>
public sealed record MatchedPayout(ReconcilablePayout Payout, ReconcilableDeposit Deposit, PayoutMatchKind Kind, DateTimeOffset MatchedAt);

/// <summary>
/// What reconciliation works on for one merchant: payouts that can still arrive (not failed or canceled) with an arrival date in the
/// look-back, and posted deposits (money in, not pending, not withdrawn by the bank) from the look-back on, split into matched pairs
/// and what is still unmatched.
/// </summary>
internal sealed record ReconciliationData(
    IReadOnlyList<MatchedPayout> Matched, IReadOnlyList<ReconcilablePayout> Payouts, IReadOnlyList<ReconcilableDeposit> Deposits)
{
    public static async Task<ReconciliationData> LoadAsync(PortalDbContext db, Guid merchantId, DateOnly from, CancellationToken cancellationToken)
    {
        var since = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var payouts = await db.Payouts.IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.MerchantId == merchantId && p.ArrivalDate >= since && p.Status != PayoutStatus.Failed && p.Status != PayoutStatus.Canceled)
            .ToListAsync(cancellationToken);
        var accounts = await db.BankAccounts.IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.MerchantId == merchantId)
            .ToDictionaryAsync(a => a.Id, cancellationToken);
        var transactions = await db.BankTransactions.IgnoreQueryFilters().AsNoTracking()
            .Where(t => t.MerchantId == merchantId && t.Date >= from && t.AmountMinor > 0 && !t.Pending && t.RemovedAt == null)
            .ToListAsync(cancellationToken);
        var matches = await db.PayoutMatches.IgnoreQueryFilters().AsNoTracking()
            .Where(m => m.MerchantId == merchantId)
            .ToListAsync(cancellationToken);

        var payoutsById = payouts.ToDictionary(p => p.Id, p => new ReconcilablePayout(
            p.Id, p.Gateway, p.GatewayReference, p.Amount, DateOnly.FromDateTime(p.ArrivalDate.UtcDateTime), p.Status));
        var depositsById = transactions
            .Where(t => Currency.TryFrom(t.CurrencyCode, out _))
            .ToDictionary(t => t.Id, t => new ReconcilableDeposit(t.Id, t.AccountId, Name(accounts.GetValueOrDefault(t.AccountId)), t.Date, t.Amount, t.Description));
        var matched = matches
            .Where(m => payoutsById.ContainsKey(m.PayoutId) && depositsById.ContainsKey(m.BankTransactionId))
            .Select(m => new MatchedPayout(payoutsById[m.PayoutId], depositsById[m.BankTransactionId], m.Kind, m.MatchedAt))
            .OrderByDescending(m => m.Payout.ArrivalDate)
            .ToList();
        var matchedPayouts = matches.Select(m => m.PayoutId).ToHashSet();
        var matchedDeposits = matches.Select(m => m.BankTransactionId).ToHashSet();
        return new ReconciliationData(
            matched,
            [.. payoutsById.Values.Where(p => !matchedPayouts.Contains(p.Id)).OrderBy(p => p.ArrivalDate).ThenBy(p => p.Id)],
            [.. depositsById.Values.Where(d => !matchedDeposits.Contains(d.Id)).OrderBy(d => d.Date).ThenBy(d => d.Id)]);
    }

    private static string Name(BankAccount? account) =>
        account is null ? "" : account.Mask is { } mask ? $"{account.Name} ••{mask}" : account.Name;
}
