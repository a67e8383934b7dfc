using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Gateways.Reports;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Webhooks.Outbound;

namespace PaymentsPortal.Core.Payouts;

/// <summary>
/// Records what gateways report about payouts, in the caller's transaction, with the audit entry and the merchant's outbound
/// event of each change. A report changes the row only when it is newer than the one the row holds, and never moves a failed or
/// canceled payout again; a paid payout can still fail, because banks return payouts days after the gateway called them paid.
/// </summary>
public sealed class PayoutLedger(IAuditTrail trail, WebhookOutbox outbox, TimeProvider clock)
{
    public const string AuditTargetType = "payout";

    public async Task<(ReportRecording Recording, Payout Payout)> RecordAsync(
        PortalDbContext db, Guid merchantId, PayoutReport report, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(report);
        var gateway = report.Gateway.ToString();
        var payout = await db.Payouts
            .FromSql($"SELECT * FROM payouts WHERE merchant_id = {merchantId} AND gateway = {gateway} AND gateway_reference = {report.Reference} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken);
        var now = clock.GetUtcNow();
        if (payout is null)
        {
            payout = new Payout
            {
                MerchantId = merchantId,
                Id = Guid.CreateVersion7(now),
                Gateway = report.Gateway,
                GatewayReference = report.Reference,
                CreatedAt = report.CreatedAt,
            };
            Apply(payout, report, now);
            db.Payouts.Add(payout);
            await RecordChangeAsync(db, payout, null, actor, cancellationToken);
            return (ReportRecording.Created, payout);
        }

        if (report.ReportedAt < payout.ReportedAt
            || (report.ReportedAt == payout.ReportedAt && report.Status.Progress() < payout.Status.Progress())
            || payout.Status.IsFinal())
        {
            return (payout.Status == report.Status ? ReportRecording.Unchanged : ReportRecording.Stale, payout);
        }

        var before = (payout.Status, payout.GatewayStatus, payout.AmountMinor, payout.ArrivalDate);
        Apply(payout, report, now);
        if (before == (payout.Status, payout.GatewayStatus, payout.AmountMinor, payout.ArrivalDate))
        {
            await db.SaveChangesAsync(cancellationToken);
            return (ReportRecording.Unchanged, payout);
        }

        await RecordChangeAsync(db, payout, before.Status, actor, cancellationToken);
        return (ReportRecording.Changed, payout);
    }

    private static void Apply(Payout payout, PayoutReport report, DateTimeOffset now)
    {
        payout.AmountMinor = report.Amount.MinorUnits;
        payout.CurrencyCode = report.Amount.Currency.Code;
        payout.Status = report.Status;
        payout.GatewayStatus = report.GatewayStatus.Length <= 50 ? report.GatewayStatus : report.GatewayStatus[..50];
        payout.ArrivalDate = report.ArrivalDate;
        payout.StatementDescriptor = report.StatementDescriptor;
        payout.FailureCode = report.FailureCode;
        payout.FailureMessage = report.FailureMessage is { Length: > 500 } message ? message[..500] : report.FailureMessage;
        payout.ReportedAt = report.ReportedAt;
        payout.UpdatedAt = now;
    }

    private async Task RecordChangeAsync(PortalDbContext db, Payout payout, PayoutStatus? from, AuditActor actor, CancellationToken cancellationToken)
    {
        var action = payout.Status switch
        {
            PayoutStatus.Failed => AuditAction.PayoutFailed,
            PayoutStatus.Canceled => AuditAction.PayoutCanceled,
            PayoutStatus.Paid => AuditAction.PayoutPaid,
            _ => AuditAction.PayoutCreated,
        };
        var type = payout.Status switch
        {
            PayoutStatus.Paid when from != PayoutStatus.Paid => WebhookEventTypes.PayoutPaid,
            PayoutStatus.Failed or PayoutStatus.Canceled => WebhookEventTypes.PayoutFailed,
            _ => null,
        };
        var now = clock.GetUtcNow();
        if (type is not null)
        {
            outbox.Add(db, payout.MerchantId, type, "payout", payout.Id.ToString(), OutboundEventBodies.Payout(payout), now);
        }

        await db.SaveChangesAsync(cancellationToken);
        var said = from is null
            ? $"{payout.Gateway} reports a payout of {payout.Amount} arriving {payout.ArrivalDate:yyyy-MM-dd}: {payout.Status}"
            : $"{payout.Gateway} reports the payout {payout.GatewayReference} {payout.Status} (was {from})";
        await trail.AppendAsync(db, new AuditRecord(
            payout.MerchantId, action, payout.Status == PayoutStatus.Failed ? AuditOutcome.Failure : AuditOutcome.Success, actor,
            AuditTargetType, payout.Id.ToString(),
            payout.FailureCode is null ? said : $"{said} ({payout.FailureCode})",
            new
            {
                gateway = payout.Gateway.ToString(),
                gateway_reference = payout.GatewayReference,
                amount_minor = payout.AmountMinor,
                currency = payout.CurrencyCode,
                status = payout.Status.ToString(),
                gateway_status = payout.GatewayStatus,
                arrival_date = payout.ArrivalDate,
                failure_code = payout.FailureCode,
            }), cancellationToken);
    }
}
