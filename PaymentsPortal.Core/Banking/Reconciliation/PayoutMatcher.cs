using System.Globalization;

namespace PaymentsPortal.Core.Banking.Reconciliation;

/// <summary>
/// Pairs payouts with deposits. A deposit is a payout's candidate when amount and currency are equal and it posted within the date
/// window around the arrival date. A pair is certain only when each is the other's sole candidate; anything that could pair more
/// than one way (two payouts of 500.00 in one week) is left for a person, because a wrong automatic match hides a missing payout.
/// A payout without a candidate gets the deposits that differ from it in exactly one field, each explained.
/// </summary>
public static class PayoutMatcher
{
    public static MatchPlan Plan(IReadOnlyList<ReconcilablePayout> payouts, IReadOnlyList<ReconcilableDeposit> deposits, ReconciliationOptions options)
    {
        ArgumentNullException.ThrowIfNull(payouts);
        ArgumentNullException.ThrowIfNull(deposits);
        ArgumentNullException.ThrowIfNull(options);
        var candidates = payouts.ToDictionary(p => p.Id, p => deposits.Where(d => IsCandidate(p, d, options)).ToList());
        var claimants = deposits.ToDictionary(d => d.Id, d => payouts.Where(p => candidates[p.Id].Contains(d)).ToList());

        var certain = new List<(ReconcilablePayout, ReconcilableDeposit)>();
        var unmatched = new List<UnmatchedPayout>();
        var contested = new List<ReconcilablePayout>();
        foreach (var payout in payouts)
        {
            var mine = candidates[payout.Id];
            if (mine.Count == 1 && claimants[mine[0].Id].Count == 1)
            {
                certain.Add((payout, mine[0]));
            }
            else if (mine.Count == 0)
            {
                // A deposit that is some other payout's candidate is that payout's; offering it here too would invite a wrong pair.
                unmatched.Add(new UnmatchedPayout(payout, NearMisses(payout, deposits.Where(d => claimants[d.Id].Count == 0), options)));
            }
            else
            {
                contested.Add(payout);
            }
        }

        return new MatchPlan(certain, Groups(contested, candidates, claimants), unmatched);
    }

    public static bool IsCandidate(ReconcilablePayout payout, ReconcilableDeposit deposit, ReconciliationOptions options)
    {
        ArgumentNullException.ThrowIfNull(payout);
        ArgumentNullException.ThrowIfNull(deposit);
        ArgumentNullException.ThrowIfNull(options);
        return deposit.Amount == payout.Amount && InWindow(payout, deposit, options);
    }

    private static bool InWindow(ReconcilablePayout payout, ReconcilableDeposit deposit, ReconciliationOptions options) =>
        deposit.Date >= payout.ArrivalDate.AddDays(-options.DaysBefore) && deposit.Date <= payout.ArrivalDate.AddDays(options.DaysAfter);

    private static List<NearMiss> NearMisses(ReconcilablePayout payout, IEnumerable<ReconcilableDeposit> deposits, ReconciliationOptions options)
    {
        var misses = new List<NearMiss>();
        foreach (var deposit in deposits)
        {
            var sameCurrency = deposit.Amount.Currency == payout.Amount.Currency;
            var sameAmount = sameCurrency && deposit.Amount.MinorUnits == payout.Amount.MinorUnits;
            var inWindow = InWindow(payout, deposit, options);
            if (sameAmount && !inWindow && Math.Abs(deposit.Date.DayNumber - payout.ArrivalDate.DayNumber) <= options.NearMissDays)
            {
                misses.Add(new NearMiss(deposit, MatchDifference.Date, DateExplanation(payout, deposit, options)));
            }
            else if (sameCurrency && inWindow && !sameAmount && CloseInAmount(payout, deposit, options))
            {
                var gap = deposit.Amount - payout.Amount;
                var said = gap.IsPositive ? "more" : "less";
                misses.Add(new NearMiss(deposit, MatchDifference.Amount, string.Create(CultureInfo.InvariantCulture,
                    $"The deposit is {Abs(gap).ToMajorString()} {gap.Currency.Code} {said} than the payout ({deposit.Amount.ToMajorString()} against {payout.Amount.ToMajorString()}).")));
            }
            else if (!sameCurrency && inWindow && deposit.Amount.MinorUnits == payout.Amount.MinorUnits)
            {
                misses.Add(new NearMiss(deposit, MatchDifference.Currency, string.Create(CultureInfo.InvariantCulture,
                    $"The deposit is in {deposit.Amount.Currency.Code}; the payout is in {payout.Amount.Currency.Code}.")));
            }
        }

        return [.. misses.OrderBy(m => m.Difference).ThenBy(m => Math.Abs(m.Deposit.Date.DayNumber - payout.ArrivalDate.DayNumber))];
    }

    private static string DateExplanation(ReconcilablePayout payout, ReconcilableDeposit deposit, ReconciliationOptions options)
    {
        var days = deposit.Date.DayNumber - payout.ArrivalDate.DayNumber;
        var when = days > 0 ? $"{days} days after" : $"{-days} days before";
        return string.Create(CultureInfo.InvariantCulture,
            $"The deposit posted {deposit.Date:yyyy-MM-dd}, {when} the expected arrival {payout.ArrivalDate:yyyy-MM-dd} (the window is {options.DaysBefore} days before to {options.DaysAfter} after).");
    }

    private static bool CloseInAmount(ReconcilablePayout payout, ReconcilableDeposit deposit, ReconciliationOptions options) =>
        Math.Abs((decimal)deposit.Amount.MinorUnits - payout.Amount.MinorUnits) * 100 <= (decimal)payout.Amount.MinorUnits * options.NearMissAmountPercent;

    private static Payments.Money Abs(Payments.Money money) => money.IsPositive ? money : new Payments.Money(-money.MinorUnits, money.Currency);

    // Contested payouts and their deposits, split into groups that share no deposit: each group is one decision for a person.
    private static List<AmbiguousGroup> Groups(
        List<ReconcilablePayout> contested, Dictionary<Guid, List<ReconcilableDeposit>> candidates, Dictionary<Guid, List<ReconcilablePayout>> claimants)
    {
        var groups = new List<AmbiguousGroup>();
        var seen = new HashSet<Guid>();
        foreach (var start in contested)
        {
            if (!seen.Add(start.Id))
            {
                continue;
            }

            var payouts = new List<ReconcilablePayout> { start };
            var deposits = new List<ReconcilableDeposit>();
            for (var i = 0; i < payouts.Count; i++)
            {
                foreach (var deposit in candidates[payouts[i].Id].Where(d => !deposits.Contains(d)))
                {
                    deposits.Add(deposit);
                    payouts.AddRange(claimants[deposit.Id].Where(p => seen.Add(p.Id)));
                }
            }

            groups.Add(new AmbiguousGroup(payouts, deposits));
        }

        return groups;
    }
}
