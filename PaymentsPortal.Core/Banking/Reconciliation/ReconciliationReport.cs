namespace PaymentsPortal.Core.Banking.Reconciliation;

/// <summary>
/// Where reconciliation stands for one merchant: matched pairs, certain pairs not yet recorded (bank data that arrived since the last
/// run), groups a person must decide, payouts with no deposit (and the deposits that nearly match them), and deposits no payout explains.
/// </summary>
public sealed record ReconciliationReport(
    IReadOnlyList<MatchedPayout> Matched,
    IReadOnlyList<(ReconcilablePayout Payout, ReconcilableDeposit Deposit)> Proposed,
    IReadOnlyList<AmbiguousGroup> Ambiguous,
    IReadOnlyList<UnmatchedPayout> UnmatchedPayouts,
    IReadOnlyList<ReconcilableDeposit> UnmatchedDeposits,
    DateOnly From);
