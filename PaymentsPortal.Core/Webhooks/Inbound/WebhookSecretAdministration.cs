using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Common;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Settings;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Core.Webhooks.Inbound.Intake;

namespace PaymentsPortal.Core.Webhooks.Inbound;

/// <summary>A configured gateway's webhook settings as the gateways page shows them: never the secret, only its last four characters.</summary>
public sealed record WebhookSettingRow(GatewayKind Gateway, WebhookProvider Provider, bool NeedsSecret, string? SecretHint);

/// <summary>
/// The Admin's side of inbound webhooks: which gateways take them and whether each has what it needs to check them, and
/// entering Stripe's endpoint signing secret. The secret is encrypted like the gateway credentials, never shown again, and its
/// entry is audited (7103) with its hint only, in the transaction that stores it.
/// </summary>
public sealed class WebhookSecretAdministration(
    IServiceScopeFactory scopes, GatewayCredentialProtector credentials, WebhookSigningKeys keys, IAuditTrail trail, TimeProvider clock)
{
    private const int MaxSecretLength = 200;

    public async Task<IReadOnlyList<WebhookSettingRow>> ListAsync(Guid merchantId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateForMerchant(merchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var rows = await db.MerchantGateways.AsNoTracking().OrderBy(g => g.Priority)
            .Select(g => new { g.Gateway, g.WebhookSecretHint })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(g => g.Gateway == GatewayKind.Stripe
            ? new WebhookSettingRow(g.Gateway, WebhookProvider.Stripe, NeedsSecret: true, g.WebhookSecretHint)
            : new WebhookSettingRow(g.Gateway, WebhookProvider.Braintree, NeedsSecret: false, null))];
    }

    /// <summary>Stores Stripe's endpoint secret (whsec_…) for the merchant's Stripe gateway, replacing any before it.</summary>
    public async Task<CommandResult> ReplaceStripeSecretAsync(Guid merchantId, ActingUser by, string? secret)
    {
        ArgumentNullException.ThrowIfNull(by);
        var value = secret?.Trim();
        if (string.IsNullOrEmpty(value) || !value.StartsWith("whsec_", StringComparison.Ordinal) || value.Length > MaxSecretLength || value.Any(char.IsWhiteSpace))
        {
            // Never echoes what was entered.
            return CommandResult.Fail("Stripe's webhook signing secret starts with whsec_ and has no spaces. Copy it from the endpoint's page in Stripe's dashboard.");
        }

        await using var scope = scopes.CreateForMerchant(merchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync();

        // The same lock the gateway settings take, so this and an edit of the chain are applied one after the other.
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT id FROM merchants WHERE id = {merchantId} FOR UPDATE");
        var stripe = await db.MerchantGateways.SingleOrDefaultAsync(g => g.Gateway == GatewayKind.Stripe);
        if (stripe is null)
        {
            return CommandResult.Fail("Add Stripe as a gateway first.");
        }

        var replaced = stripe.ProtectedWebhookSecret is not null;
        stripe.ProtectedWebhookSecret = credentials.Protect(value);
        stripe.WebhookSecretHint = GatewayCredentialProtector.HintOf(value);
        stripe.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync();
        await trail.AppendAsync(db, new AuditRecord(merchantId, AuditAction.WebhookSecretReplaced, AuditOutcome.Success, by.Actor, "gateway", nameof(GatewayKind.Stripe),
            null, new { gateway = nameof(GatewayKind.Stripe), webhook_secret_hint = stripe.WebhookSecretHint, replaced_earlier_secret = replaced }, by.Origin));
        await tx.CommitAsync();
        keys.Forget(merchantId);
        return CommandResult.Ok;
    }
}
