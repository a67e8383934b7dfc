using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Banking.Links;
using PaymentsPortal.Core.Banking.Plaid;
using PaymentsPortal.Core.Common;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Banking.Accounts;

/// <summary>
/// A real-time balance check: Plaid asks the bank now (/accounts/balance/get), which is slow and billed, so a merchant may check once
/// per <see cref="MinimumInterval"/>, whichever of its banks. The limit lives in the database (the last check of any of the merchant's
/// links, read under a merchant-wide advisory lock), so it holds across instances and restarts. The scheduled refresh (the bank sync
/// job) reads Plaid's cached balances instead.
/// </summary>
public sealed class BalanceChecks(IServiceScopeFactory scopes, PlaidClient plaid, BankTokenProtector tokens, BankLinkHealth health, IAuditTrail trail, TimeProvider clock)
{
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromMinutes(1);

    // The advisory lock's first key: "bals" in ASCII, apart from the other features' locks.
    private const int LockSpace = 0x62616C73;

    public async Task<CommandResult<IReadOnlyList<BankAccount>>> CheckNowAsync(UserAccess access, Guid linkId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        if (access.Current is not { } merchant || !access.Has(Permission.BankingView))
        {
            return CommandResult.Failure<IReadOnlyList<BankAccount>>("Your role cannot see bank balances.");
        }

        var by = access.AsActor();
        await using var scope = scopes.CreateForMerchant(merchant.MerchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var link = await BankLinkRows.LockAsync(db, merchant.MerchantId, linkId, cancellationToken);
        if (link?.ProtectedAccessToken is not { } stored)
        {
            return CommandResult.Failure<IReadOnlyList<BankAccount>>("That bank link no longer exists.");
        }

        // One check at a time per merchant: two Admins checking two banks at once cannot both slip under the limit.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockSpace}, hashtext({merchant.MerchantId.ToString()}))", cancellationToken);
        var now = clock.GetUtcNow();
        var last = await db.BankLinks.Where(l => l.BalancesRefreshedAt != null).MaxAsync(l => l.BalancesRefreshedAt, cancellationToken);
        if (last is { } previous && now - previous < MinimumInterval)
        {
            var wait = (int)Math.Ceiling((MinimumInterval - (now - previous)).TotalSeconds);
            return CommandResult.Failure<IReadOnlyList<BankAccount>>($"Balances were checked moments ago; check again in {wait} s.");
        }

        var balances = await plaid.GetBalancesAsync(new PlaidAccessToken(tokens.Unprotect(stored)), null, cancellationToken);
        if (!balances.Succeeded)
        {
            if (BankLinkHealth.AttentionMessage(balances.Failure!) is { } message)
            {
                await health.NeedsAttentionAsync(db, link, balances.Failure!.ErrorCode ?? balances.Failure.Kind.ToString(), message, by.Actor, cancellationToken);
                await tx.CommitAsync(cancellationToken);
            }

            return CommandResult.Failure<IReadOnlyList<BankAccount>>(balances.Failure!.Message);
        }

        var accounts = await PlaidAccountsWriter.ApplyAsync(db, link, balances.Value!.Accounts, now, cancellationToken);
        link.BalancesRefreshedAt = now;
        link.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await trail.AppendAsync(db, new AuditRecord(
            merchant.MerchantId, AuditAction.BankBalanceChecked, AuditOutcome.Success, by.Actor, BankLinkHealth.AuditTargetType, link.Id.ToString(),
            $"Checked the balances of {link.InstitutionName} at the bank", new { accounts = accounts.Count }, by.Origin), cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return CommandResult.Returning<IReadOnlyList<BankAccount>>([.. accounts.Where(a => a.ClosedAt is null)]);
    }
}
