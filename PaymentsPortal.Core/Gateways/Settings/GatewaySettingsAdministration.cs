using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Common;
using PaymentsPortal.Core.Gateways.Braintree;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Gateways.Settings;

/// <summary>
/// A merchant's gateway chain: add, change, reorder and remove gateways. Secrets are encrypted before they are
/// stored and never returned; every change is audited (5400s) in its transaction, with the secret's hint only.
/// </summary>
public sealed class GatewaySettingsAdministration(IServiceScopeFactory scopes, GatewayCredentialProtector credentials, IAuditTrail trail, TimeProvider clock)
{
    public async Task<IReadOnlyList<GatewaySettingRow>> ListAsync(Guid merchantId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateForMerchant(merchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.MerchantGateways.AsNoTracking().OrderBy(g => g.Priority)
            .Select(g => new GatewaySettingRow(g.Gateway, g.Priority, g.Enabled, g.AttemptTimeoutMs, g.AccountId, g.MerchantAccountId, g.SecretHint, g.UpdatedAt))
            .ToListAsync(cancellationToken);
    }

    public async Task<CommandResult> SaveAsync(Guid merchantId, ActingUser by, GatewaySettingInput input)
    {
        if (input.AttemptTimeoutMs is < GatewaySecretRules.MinTimeoutMs or > GatewaySecretRules.MaxTimeoutMs)
        {
            return CommandResult.Fail($"The attempt timeout must be between {GatewaySecretRules.MinTimeoutMs} and {GatewaySecretRules.MaxTimeoutMs} ms.");
        }

        var merchantAccounts = Blank(input.MerchantAccountId);
        if (input.Gateway == GatewayKind.Braintree)
        {
            if (!BraintreeMerchantAccounts.TryParse(merchantAccounts, out var accounts, out var accountsProblem))
            {
                return CommandResult.Fail("Merchant accounts: " + accountsProblem);
            }

            merchantAccounts = Blank(accounts.ToString());
        }

        if (GatewaySecretRules.AccountIdProblem(input.Gateway, Blank(input.AccountId)) is { } accountProblem)
        {
            return CommandResult.Fail(accountProblem);
        }

        var secret = input.NewSecret?.Trim();
        if (!string.IsNullOrEmpty(secret) && GatewaySecretRules.Problem(input.Gateway, secret) is { } problem)
        {
            return CommandResult.Fail(problem);
        }

        await using var scope = scopes.CreateForMerchant(merchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync();
        await LockChainAsync(db, merchantId);
        var existing = await db.MerchantGateways.SingleOrDefaultAsync(g => g.Gateway == input.Gateway);
        var now = clock.GetUtcNow();
        AuditAction action;
        if (existing is null)
        {
            if (string.IsNullOrEmpty(secret))
            {
                return CommandResult.Fail($"Enter {input.Gateway}'s credentials to add it.");
            }

            var last = await db.MerchantGateways.MaxAsync(g => (int?)g.Priority) ?? 0;
            existing = new MerchantGateway { MerchantId = merchantId, Gateway = input.Gateway, Priority = last + 1 };
            db.MerchantGateways.Add(existing);
            action = AuditAction.GatewayAdded;
        }
        else
        {
            action = string.IsNullOrEmpty(secret) ? AuditAction.GatewaySettingsChanged : AuditAction.GatewayCredentialsReplaced;
        }

        existing.Enabled = input.Enabled;
        existing.AttemptTimeoutMs = input.AttemptTimeoutMs;
        existing.AccountId = Blank(input.AccountId);
        existing.MerchantAccountId = merchantAccounts;
        existing.UpdatedAt = now;
        if (!string.IsNullOrEmpty(secret))
        {
            existing.ProtectedSecret = credentials.Protect(secret);
            existing.SecretHint = GatewayCredentialProtector.HintOf(secret);
        }

        await db.SaveChangesAsync();
        await trail.AppendAsync(db, new AuditRecord(merchantId, action, AuditOutcome.Success, by.Actor, "gateway", input.Gateway.ToString(), null,
            new
            {
                gateway = input.Gateway.ToString(),
                priority = existing.Priority,
                enabled = existing.Enabled,
                attempt_timeout_ms = existing.AttemptTimeoutMs,
                account_id = existing.AccountId,
                merchant_account_id = existing.MerchantAccountId,
                secret_hint = existing.SecretHint,
                secret_replaced = !string.IsNullOrEmpty(secret),
            }, by.Origin));
        await tx.CommitAsync();
        return CommandResult.Ok;
    }

    /// <summary>Moves a gateway one place earlier (<paramref name="earlier"/>) or later in the order.</summary>
    public async Task<CommandResult> MoveAsync(Guid merchantId, ActingUser by, GatewayKind gateway, bool earlier)
    {
        await using var scope = scopes.CreateForMerchant(merchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync();
        await LockChainAsync(db, merchantId);
        var chain = await db.MerchantGateways.OrderBy(g => g.Priority).ToListAsync();
        var index = chain.FindIndex(g => g.Gateway == gateway);
        var other = earlier ? index - 1 : index + 1;
        if (index < 0 || other < 0 || other >= chain.Count)
        {
            return CommandResult.Fail(index < 0 ? $"{gateway} is not configured." : $"{gateway} is already {(earlier ? "first" : "last")}.");
        }

        // Priorities are unique: park one at 0 while the other takes its place.
        var (a, b) = (chain[index], chain[other]);
        var (pa, pb) = (a.Priority, b.Priority);
        a.Priority = 0;
        await db.SaveChangesAsync();
        b.Priority = pa;
        await db.SaveChangesAsync();
        a.Priority = pb;
        a.UpdatedAt = b.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync();
        var order = chain.OrderBy(g => g.Priority).Select(g => g.Gateway.ToString()).ToList();
        await trail.AppendAsync(db, new AuditRecord(merchantId, AuditAction.GatewayOrderChanged, AuditOutcome.Success, by.Actor, "gateway", gateway.ToString(),
            null, new { order }, by.Origin));
        await tx.CommitAsync();
        return CommandResult.Ok;
    }

    public async Task<CommandResult> RemoveAsync(Guid merchantId, ActingUser by, GatewayKind gateway)
    {
        await using var scope = scopes.CreateForMerchant(merchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync();
        await LockChainAsync(db, merchantId);
        var existing = await db.MerchantGateways.SingleOrDefaultAsync(g => g.Gateway == gateway);
        if (existing is null)
        {
            return CommandResult.Fail($"{gateway} is not configured.");
        }

        db.MerchantGateways.Remove(existing);
        await db.SaveChangesAsync();
        await trail.AppendAsync(db, new AuditRecord(merchantId, AuditAction.GatewayRemoved, AuditOutcome.Success, by.Actor, "gateway", gateway.ToString(),
            null, new { gateway = gateway.ToString(), priority = existing.Priority, secret_hint = existing.SecretHint }, by.Origin));
        await tx.CommitAsync();
        return CommandResult.Ok;
    }

    // Two admins editing the chain at once take turns, so priorities stay unique and the audited order is the real one.
    private static Task<int> LockChainAsync(PortalDbContext db, Guid merchantId) =>
        db.Database.ExecuteSqlInterpolatedAsync($"SELECT id FROM merchants WHERE id = {merchantId} FOR UPDATE");

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
