using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Banking.Plaid;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Webhooks.Outbound;

namespace PaymentsPortal.Core.Banking.Links;

/// <summary>
/// Moves a link between Active, NeedsAttention and ConsentExpiring as Plaid reports, in the caller's transaction: each change is
/// audited once (a repeated report changes nothing), and a link that comes to need an Admin raises bank_link.needs_attention for
/// the merchant's endpoints. The message says what to do, in the merchant's words, not Plaid's code.
/// </summary>
public sealed class BankLinkHealth(IAuditTrail trail, WebhookOutbox outbox, TimeProvider clock)
{
    public const string AuditTargetType = "bank_link";

    /// <summary>Plaid says the link needs the merchant (an Item error, a revoked permission).</summary>
    public async Task NeedsAttentionAsync(PortalDbContext db, BankLink link, string code, string message, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(link);
        if (link.Status is BankLinkStatus.Unlinked || (link.Status == BankLinkStatus.NeedsAttention && link.ErrorCode == code))
        {
            return;
        }

        var now = clock.GetUtcNow();
        link.Status = BankLinkStatus.NeedsAttention;
        link.ErrorCode = Clip(code, 100);
        link.ErrorMessage = Clip(message, BankLink.ErrorMaxLength);
        link.UpdatedAt = now;
        outbox.Add(db, link.MerchantId, WebhookEventTypes.BankLinkNeedsAttention, AuditTargetType, link.Id.ToString(), Body(link), now);
        await db.SaveChangesAsync(cancellationToken);
        await AuditAsync(db, link, AuditAction.BankLinkNeedsAttention, AuditOutcome.Failure, actor, $"{link.InstitutionName} needs attention: {message}", cancellationToken);
    }

    /// <summary>Consent ends at <paramref name="expiresAt"/>: the link still works, and the merchant is asked to renew it before then.</summary>
    public async Task ConsentExpiringAsync(PortalDbContext db, BankLink link, DateTimeOffset? expiresAt, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(link);
        if (link.Status is BankLinkStatus.Unlinked or BankLinkStatus.NeedsAttention
            || (link.Status == BankLinkStatus.ConsentExpiring && link.ConsentExpiresAt == expiresAt))
        {
            return;
        }

        var now = clock.GetUtcNow();
        link.Status = BankLinkStatus.ConsentExpiring;
        link.ConsentExpiresAt = expiresAt ?? link.ConsentExpiresAt;
        link.ErrorCode = "PENDING_EXPIRATION";
        link.ErrorMessage = "The bank's consent runs out soon. Renew it so the portal keeps seeing this account.";
        link.UpdatedAt = now;
        outbox.Add(db, link.MerchantId, WebhookEventTypes.BankLinkNeedsAttention, AuditTargetType, link.Id.ToString(), Body(link), now);
        await db.SaveChangesAsync(cancellationToken);
        var when = link.ConsentExpiresAt is { } at ? $" on {at:yyyy-MM-dd}" : "";
        await AuditAsync(db, link, AuditAction.BankConsentExpiring, AuditOutcome.Success, actor, $"{link.InstitutionName}: consent expires{when}", cancellationToken);
    }

    /// <summary>Plaid reads the link again (after update mode, or Plaid repaired it itself).</summary>
    public async Task RepairedAsync(PortalDbContext db, BankLink link, AuditActor actor, AuditOrigin? origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(link);
        if (link.Status is BankLinkStatus.Active or BankLinkStatus.Unlinked)
        {
            return;
        }

        link.Status = BankLinkStatus.Active;
        link.ErrorCode = null;
        link.ErrorMessage = null;
        link.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await AuditAsync(db, link, AuditAction.BankLinkRepaired, AuditOutcome.Success, actor, $"{link.InstitutionName} is connected again", cancellationToken, origin);
    }

    /// <summary>The Admin-facing sentence for a Plaid failure that leaves the link needing attention; null when it does not.</summary>
    public static string? AttentionMessage(PlaidFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure.Kind switch
        {
            PlaidFailureKind.ItemLoginRequired => "The bank asks for a new sign-in. Use Reconnect and sign in to the bank again.",
            PlaidFailureKind.ConsentExpiration => "The bank's consent has lapsed. Use Reconnect to renew it.",
            PlaidFailureKind.ItemNotFound => "Plaid no longer knows this bank link. Unlink it and link the bank again.",
            _ => null,
        };
    }

    private async Task AuditAsync(
        PortalDbContext db, BankLink link, AuditAction action, AuditOutcome outcome, AuditActor actor, string reason, CancellationToken cancellationToken,
        AuditOrigin? origin = null) =>
        await trail.AppendAsync(db, new AuditRecord(
            link.MerchantId, action, outcome, actor, AuditTargetType, link.Id.ToString(), reason,
            new { institution = link.InstitutionName, institution_id = link.InstitutionId, status = link.Status.ToString(), code = link.ErrorCode, consent_expires_at = link.ConsentExpiresAt },
            origin), cancellationToken);

    private static object Body(BankLink link) => new
    {
        id = link.Id,
        institution = link.InstitutionName,
        status = link.Status.ToString().ToLowerInvariant(),
        code = link.ErrorCode,
        message = link.ErrorMessage,
        consent_expires_at = link.ConsentExpiresAt,
    };

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max];
}
