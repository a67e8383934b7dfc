using System.Globalization;
using PaymentsPortal.Core.Audit;

namespace PaymentsPortal.Core.Banking.Reconciliation;

/// <summary>The audit entries of matching and unmatching, with both sides named so the trail alone tells what was paired.</summary>
internal static class PayoutMatchAudit
{
    public const string TargetType = "payout";

    public static AuditRecord Matched(
        Guid merchantId, ReconcilablePayout payout, ReconcilableDeposit deposit, PayoutMatchKind kind, AuditActor actor, AuditOrigin? origin, string? differences) =>
        new(merchantId, AuditAction.PayoutMatched, AuditOutcome.Success, actor, TargetType, payout.Id.ToString(),
            string.Create(CultureInfo.InvariantCulture,
                $"{kind} match: {payout.Gateway} payout {payout.Reference} of {payout.Amount} with the deposit of {deposit.Amount} on {deposit.Date:yyyy-MM-dd}"),
            Details(payout, deposit, kind, differences), origin);

    public static AuditRecord Unmatched(
        Guid merchantId, ReconcilablePayout payout, ReconcilableDeposit deposit, PayoutMatchKind kind, AuditActor actor, AuditOrigin? origin) =>
        new(merchantId, AuditAction.PayoutUnmatched, AuditOutcome.Success, actor, TargetType, payout.Id.ToString(),
            string.Create(CultureInfo.InvariantCulture,
                $"Unmatched the {payout.Gateway} payout {payout.Reference} from the deposit of {deposit.Amount} on {deposit.Date:yyyy-MM-dd}"),
            Details(payout, deposit, kind, null), origin);

    private static object Details(ReconcilablePayout payout, ReconcilableDeposit deposit, PayoutMatchKind kind, string? differences) => new
    {
        kind = kind.ToString(),
        payout_id = payout.Id,
        gateway = payout.Gateway.ToString(),
        gateway_reference = payout.Reference,
        payout_amount_minor = payout.Amount.MinorUnits,
        payout_currency = payout.Amount.Currency.Code,
        arrival_date = payout.ArrivalDate,
        bank_transaction_id = deposit.Id,
        bank_account_id = deposit.AccountId,
        deposit_amount_minor = deposit.Amount.MinorUnits,
        deposit_currency = deposit.Amount.Currency.Code,
        deposit_date = deposit.Date,
        differences,
    };
}
