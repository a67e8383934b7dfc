using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Common;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Webhooks.Outbound.Endpoints;

/// <summary>
/// An Admin's endpoints: register, change, switch off and on, delete, rotate the secret. Each change is audited (7200s) in its
/// transaction, with the secret's hint only. The merchant row is locked so two Admins' changes apply one after the other and
/// the endpoint limit holds.
/// </summary>
public sealed class WebhookEndpointAdministration(
    IServiceScopeFactory scopes, WebhookUrlPolicy urls, WebhookSecretProtector secrets, IAuditTrail trail, IOptions<OutboundWebhookOptions> options,
    TimeProvider clock)
{
    /// <summary>As many as Stripe allows an account: enough for every system a merchant runs, few enough to deliver to promptly.</summary>
    public const int MaxEndpoints = 16;

    public const string AuditTargetType = "webhook_endpoint";

    public async Task<CommandResult<RevealedSecret>> CreateAsync(Guid merchantId, ActingUser by, WebhookEndpointInput input)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (await ProblemAsync(input) is { } problem)
        {
            return CommandResult.Failure<RevealedSecret>(problem);
        }

        await using var scope = scopes.CreateForMerchant(merchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync();
        await LockMerchantAsync(db, merchantId);
        if (await db.WebhookEndpoints.CountAsync() >= MaxEndpoints)
        {
            return CommandResult.Failure<RevealedSecret>($"A merchant can have at most {MaxEndpoints} endpoints. Delete one you no longer use first.");
        }

        var now = clock.GetUtcNow();
        var secret = WebhookSignature.NewSecret();
        var endpoint = new WebhookEndpoint
        {
            MerchantId = merchantId,
            Id = Guid.CreateVersion7(now),
            Url = input.Url!.Trim(),
            Description = Blank(input.Description),
            EventTypes = Normalise(input.EventTypes),
            ProtectedSecret = secrets.Protect(secret),
            SecretHint = WebhookSecretProtector.HintOf(secret),
            CreatedAt = now,
            CreatedByName = by.DisplayName,
            UpdatedAt = now,
        };
        db.WebhookEndpoints.Add(endpoint);
        await db.SaveChangesAsync();
        await AuditAsync(db, endpoint, AuditAction.WebhookEndpointCreated, by, null);
        await tx.CommitAsync();
        return CommandResult.Returning(new RevealedSecret(endpoint.Id, secret));
    }

    public async Task<CommandResult> UpdateAsync(Guid merchantId, ActingUser by, Guid endpointId, WebhookEndpointInput input)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (await ProblemAsync(input) is { } problem)
        {
            return CommandResult.Fail(problem);
        }

        return await ChangeAsync(merchantId, by, endpointId, AuditAction.WebhookEndpointUpdated, endpoint =>
        {
            var url = input.Url!.Trim();
            if (!string.Equals(url, endpoint.Url, StringComparison.Ordinal))
            {
                // A new address is a new receiver: the old one's failures say nothing about it.
                endpoint.ConsecutiveFailures = 0;
            }

            endpoint.Url = url;
            endpoint.Description = Blank(input.Description);
            endpoint.EventTypes = Normalise(input.EventTypes);
            return null;
        });
    }

    /// <summary>Switching an endpoint off cancels what was waiting for it; nothing is sent to it until it is on again.</summary>
    public Task<CommandResult> SetEnabledAsync(Guid merchantId, ActingUser by, Guid endpointId, bool enabled) =>
        ChangeAsync(merchantId, by, endpointId, enabled ? AuditAction.WebhookEndpointEnabled : AuditAction.WebhookEndpointDisabled, endpoint =>
        {
            if (endpoint.Enabled == enabled)
            {
                return enabled ? "The endpoint is already on." : "The endpoint is already off.";
            }

            endpoint.Enabled = enabled;
            if (enabled)
            {
                endpoint.ConsecutiveFailures = 0;
            }

            return null;
        }, cancelPending: !enabled);

    public async Task<CommandResult> DeleteAsync(Guid merchantId, ActingUser by, Guid endpointId)
    {
        ArgumentNullException.ThrowIfNull(by);
        await using var scope = scopes.CreateForMerchant(merchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync();
        await LockMerchantAsync(db, merchantId);
        var endpoint = await db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == endpointId);
        if (endpoint is null)
        {
            return CommandResult.Fail(NotFound);
        }

        // Its deliveries and their attempts go with it (cascade); the audit entry keeps what it was.
        db.WebhookEndpoints.Remove(endpoint);
        await db.SaveChangesAsync();
        await AuditAsync(db, endpoint, AuditAction.WebhookEndpointDeleted, by, null);
        await tx.CommitAsync();
        return CommandResult.Ok;
    }

    /// <summary>
    /// A new secret, shown once. The old one keeps signing beside it for the grace period, so the receiver can switch over
    /// without refusing a delivery; <paramref name="endOldNow"/> drops it at once (it leaked).
    /// </summary>
    public async Task<CommandResult<RevealedSecret>> RotateSecretAsync(Guid merchantId, ActingUser by, Guid endpointId, bool endOldNow)
    {
        ArgumentNullException.ThrowIfNull(by);
        var secret = WebhookSignature.NewSecret();
        var result = await ChangeAsync(merchantId, by, endpointId, AuditAction.WebhookEndpointSecretRotated, endpoint =>
        {
            var now = clock.GetUtcNow();
            endpoint.PreviousProtectedSecret = endOldNow ? null : endpoint.ProtectedSecret;
            endpoint.PreviousSecretExpiresAt = endOldNow ? null : now + options.Value.RotationGracePeriod;
            endpoint.ProtectedSecret = secrets.Protect(secret);
            endpoint.SecretHint = WebhookSecretProtector.HintOf(secret);
            return null;
        }, reason: endOldNow ? "the old secret stops signing now" : $"the old secret signs too until {clock.GetUtcNow() + options.Value.RotationGracePeriod:u}");
        return result.Succeeded ? CommandResult.Returning(new RevealedSecret(endpointId, secret)) : CommandResult.Failure<RevealedSecret>(result.Error!);
    }

    private async Task<CommandResult> ChangeAsync(
        Guid merchantId, ActingUser by, Guid endpointId, AuditAction action, Func<WebhookEndpoint, string?> change, bool cancelPending = false,
        string? reason = null)
    {
        ArgumentNullException.ThrowIfNull(by);
        await using var scope = scopes.CreateForMerchant(merchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync();
        await LockMerchantAsync(db, merchantId);
        var endpoint = await db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == endpointId);
        if (endpoint is null)
        {
            return CommandResult.Fail(NotFound);
        }

        if (change(endpoint) is { } refused)
        {
            return CommandResult.Fail(refused);
        }

        endpoint.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync();
        if (cancelPending)
        {
            await db.WebhookDeliveries.Where(d => d.EndpointId == endpointId && d.Status == WebhookDeliveryStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, WebhookDeliveryStatus.Canceled).SetProperty(d => d.NextAttemptAt, (DateTimeOffset?)null));
        }

        await AuditAsync(db, endpoint, action, by, reason);
        await tx.CommitAsync();
        return CommandResult.Ok;
    }

    private async Task<string?> ProblemAsync(WebhookEndpointInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (await urls.ProblemAsync(input.Url) is { } urlProblem)
        {
            return urlProblem;
        }

        if (input.Description?.Trim().Length > WebhookEndpoint.DescriptionMaxLength)
        {
            return $"The description is longer than {WebhookEndpoint.DescriptionMaxLength} characters.";
        }

        return input.EventTypes.FirstOrDefault(t => !WebhookEventTypes.IsKnown(t)) is { } unknown ? $"There is no event type called {unknown}." : null;
    }

    private Task<AuditEntry> AuditAsync(PortalDbContext db, WebhookEndpoint endpoint, AuditAction action, ActingUser by, string? reason) =>
        trail.AppendAsync(db, new AuditRecord(endpoint.MerchantId, action, AuditOutcome.Success, by.Actor, AuditTargetType, endpoint.Id.ToString(), reason,
            new
            {
                url = endpoint.Url,
                description = endpoint.Description,
                event_types = endpoint.EventTypes.Count == 0 ? ["*"] : endpoint.EventTypes,
                enabled = endpoint.Enabled,
                secret_hint = endpoint.SecretHint,
                previous_secret_until = endpoint.PreviousSecretExpiresAt,
            }, by.Origin));

    private static List<string> Normalise(IReadOnlyCollection<string> types) =>
        [.. types.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    // Admins editing endpoints at once take turns, so the limit and the audited state are the real ones.
    private static Task<int> LockMerchantAsync(PortalDbContext db, Guid merchantId) =>
        db.Database.ExecuteSqlInterpolatedAsync($"SELECT id FROM merchants WHERE id = {merchantId} FOR UPDATE");

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private const string NotFound = "That endpoint does not exist, or was deleted meanwhile.";
}
