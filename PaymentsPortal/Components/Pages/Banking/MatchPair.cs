namespace PaymentsPortal.Components.Pages.Banking;

/// <summary>A payout and a deposit an Admin chose to pair.</summary>
public readonly record struct MatchPair(Guid PayoutId, Guid DepositId);
