using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Gateways.Reports;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Webhooks.Outbound;

namespace PaymentsPortal.Core.Payments.Disputes;

/// <summary>
/// Records what gateways report about disputes, in the caller's transaction, with the audit entry and the merchant's outbound
/// event of each change. Reports can arrive twice (a redelivered webhook, the sync reading an event back) and out of order, so a
/// report changes the row only when it is newer than the one the row holds, and never reopens a decided dispute.
/// </summary>
public sealed class DisputeLedger(IAuditTrail trail, WebhookOutbox outbox, TimeProvider clock)
{
    public const string AuditTargetType = "dispute";

    public async Task<(ReportRecording Recording, Dispute Dispute)> RecordAsync(
        PortalDbContext db, Guid merchantId, DisputeReport report, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(report);
        var gateway = report.Gateway.ToString();

        // Locked, so two instances applying two events of one dispute take turns and the later report wins.
        var dispute = await db.Disputes
            .FromSql($"SELECT * FROM disputes WHERE merchant_id = {merchantId} AND gateway = {gateway} AND gateway_reference = {report.Reference} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken);
        var now = clock.GetUtcNow();
        if (dispute is null)
        {
            dispute = new Dispute
            {
                MerchantId = merchantId,
                Id = Guid.CreateVersion7(now),
                Gateway = report.Gateway,
                GatewayReference = report.Reference,
                OpenedAt = report.OpenedAt,
                PaymentId = await PaymentForAsync(db, report, cancellationToken),
            };
            Apply(dispute, report, now);
            db.Disputes.Add(dispute);
            await RecordChangeAsync(db, dispute, null, actor, cancellationToken);
            return (ReportRecording.Created, dispute);
        }

        if (report.ReportedAt < dispute.ReportedAt
            || (report.ReportedAt == dispute.ReportedAt && report.Status.Progress() < dispute.Status.Progress())
            || (dispute.Status.IsDecided() && !report.Status.IsDecided()))
        {
            return (ReportRecording.Stale, dispute);
        }

        var before = (dispute.Status, dispute.GatewayStatus, dispute.AmountMinor, dispute.EvidenceDueBy);
        dispute.PaymentId ??= await PaymentForAsync(db, report, cancellationToken);
        Apply(dispute, report, now);
        if (before == (dispute.Status, dispute.GatewayStatus, dispute.AmountMinor, dispute.EvidenceDueBy))
        {
            await db.SaveChangesAsync(cancellationToken);
            return (ReportRecording.Unchanged, dispute);
        }

        await RecordChangeAsync(db, dispute, before.Status, actor, cancellationToken);
        return (ReportRecording.Changed, dispute);
    }

    private static void Apply(Dispute dispute, DisputeReport report, DateTimeOffset now)
    {
        dispute.ChargeReference = report.ChargeReference ?? dispute.ChargeReference;
        dispute.AmountMinor = report.Amount.MinorUnits;
        dispute.CurrencyCode = report.Amount.Currency.Code;
        dispute.Reason = Clip(report.Reason, Dispute.ReasonMaxLength);
        dispute.GatewayStatus = Clip(report.GatewayStatus, Dispute.ReasonMaxLength);
        dispute.Status = report.Status;
        dispute.EvidenceDueBy = report.Status.IsDecided() ? dispute.EvidenceDueBy : report.EvidenceDueBy;
        dispute.DecidedAt = report.Status.IsDecided() ? dispute.DecidedAt ?? report.ReportedAt : null;
        dispute.ReportedAt = report.ReportedAt;
        dispute.UpdatedAt = now;
    }

    private async Task RecordChangeAsync(PortalDbContext db, Dispute dispute, DisputeStatus? from, AuditActor actor, CancellationToken cancellationToken)
    {
        var (action, type, said) = from switch
        {
            null => (AuditAction.DisputeOpened, WebhookEventTypes.DisputeOpened, $"{dispute.Gateway} opened a dispute of {dispute.Amount} ({dispute.Reason})"),
            _ when dispute.Status.IsDecided() => (AuditAction.DisputeClosed, WebhookEventTypes.DisputeClosed, $"{dispute.Gateway} closed the dispute: {dispute.Status}"),
            _ => (AuditAction.DisputeUpdated, WebhookEventTypes.DisputeUpdated, $"{dispute.Gateway} reports the dispute {dispute.GatewayStatus}"),
        };

        // A dispute first heard of when already decided (the sync catching up) is opened and closed in one report.
        if (from is null && dispute.Status.IsDecided())
        {
            (action, type) = (AuditAction.DisputeClosed, WebhookEventTypes.DisputeClosed);
            said += $", already {dispute.Status}";
        }

        var now = clock.GetUtcNow();
        outbox.Add(db, dispute.MerchantId, type, "dispute", dispute.Id.ToString(), OutboundEventBodies.Dispute(dispute), now);
        await db.SaveChangesAsync(cancellationToken);
        await trail.AppendAsync(db, new AuditRecord(
            dispute.MerchantId, action, AuditOutcome.Success, actor,
            dispute.PaymentId is null ? AuditTargetType : PaymentTimeline.AuditTargetType,
            (dispute.PaymentId ?? dispute.Id).ToString(),
            said,
            new
            {
                dispute_id = dispute.Id,
                gateway = dispute.Gateway.ToString(),
                gateway_reference = dispute.GatewayReference,
                amount_minor = dispute.AmountMinor,
                currency = dispute.CurrencyCode,
                reason = dispute.Reason,
                status = dispute.Status.ToString(),
                gateway_status = dispute.GatewayStatus,
                evidence_due_by = dispute.EvidenceDueBy,
            }), cancellationToken);
    }

    private static async Task<Guid?> PaymentForAsync(PortalDbContext db, DisputeReport report, CancellationToken cancellationToken)
    {
        if (report.AttemptId is { } attemptId
            && await db.PaymentAttempts.Where(a => a.Id == attemptId).Select(a => (Guid?)a.PaymentId).FirstOrDefaultAsync(cancellationToken) is { } byAttempt)
        {
            return byAttempt;
        }

        return string.IsNullOrEmpty(report.ChargeReference)
            ? null
            : await db.Payments.Where(p => p.Gateway == report.Gateway && p.GatewayReference == report.ChargeReference)
                .Select(p => (Guid?)p.Id).FirstOrDefaultAsync(cancellationToken);
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max];
}
