using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Payouts;

namespace PaymentsPortal.Core.Banking.Reconciliation;

/// <summary>A payout as reconciliation sees it: what the gateway sent and the day it said the money would arrive.</summary>
public sealed record ReconcilablePayout(Guid Id, GatewayKind Gateway, string Reference, Money Amount, DateOnly ArrivalDate, PayoutStatus Status);

/// <summary>A posted deposit (money in) on one of the merchant's bank accounts.</summary>
public sealed record ReconcilableDeposit(Guid Id, Guid AccountId, string AccountName, DateOnly Date, Money Amount, string Description);

/// <summary>What makes a deposit not quite a payout's match.</summary>
public enum MatchDifference
{
    Amount = 1,
    Date = 2,
    Currency = 3,
}

/// <summary>A deposit that differs from a payout in exactly one field, with what differs in words.</summary>
public sealed record NearMiss(ReconcilableDeposit Deposit, MatchDifference Difference, string Explanation);

/// <summary>A payout no deposit matches, with the deposits that nearly do.</summary>
public sealed record UnmatchedPayout(ReconcilablePayout Payout, IReadOnlyList<NearMiss> NearMisses);

/// <summary>Payouts and deposits that could pair up in more than one way: an Admin decides.</summary>
public sealed record AmbiguousGroup(IReadOnlyList<ReconcilablePayout> Payouts, IReadOnlyList<ReconcilableDeposit> Deposits);

/// <summary>What <see cref="PayoutMatcher"/> found among unmatched payouts and deposits.</summary>
public sealed record MatchPlan(
    IReadOnlyList<(ReconcilablePayout Payout, ReconcilableDeposit Deposit)> Certain,
    IReadOnlyList<AmbiguousGroup> Ambiguous,
    IReadOnlyList<UnmatchedPayout> Unmatched);
