using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Banking.Plaid;
using PaymentsPortal.Core.Common;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Banking.Links;

/// <summary>
/// An Admin unlinks a bank: the Item is removed at Plaid first (so Plaid stops reading the bank), then the stored token is erased and
/// the accounts are closed, keeping their transactions and matches. If Plaid's answer is lost the token is kept and the Admin is told
/// to try again, which is safe; an Item Plaid no longer knows counts as removed.
/// </summary>
public sealed class BankUnlinking(IServiceScopeFactory scopes, PlaidClient plaid, BankTokenProtector tokens, IAuditTrail trail, TimeProvider clock)
{
    public async Task<CommandResult> UnlinkAsync(UserAccess access, Guid linkId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        if (access.Current is not { } merchant || !access.Has(Permission.BankingManage))
        {
            return CommandResult.Fail("Your role cannot unlink bank accounts.");
        }

        var by = access.AsActor();
        await using var scope = scopes.CreateForMerchant(merchant.MerchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var link = await BankLinkRows.LockAsync(db, merchant.MerchantId, linkId, cancellationToken);
        if (link?.ProtectedAccessToken is not { } stored || link.Status == BankLinkStatus.Unlinked)
        {
            return CommandResult.Fail("That bank link no longer exists.");
        }

        var removed = await plaid.RemoveItemAsync(new PlaidAccessToken(tokens.Unprotect(stored)), cancellationToken);
        if (!removed.Succeeded && removed.Failure!.Kind != PlaidFailureKind.ItemNotFound)
        {
            return CommandResult.Fail(removed.Failure.Message);
        }

        var now = clock.GetUtcNow();
        link.ProtectedAccessToken = null;
        link.TransactionsCursor = null;
        link.Status = BankLinkStatus.Unlinked;
        link.UnlinkedAt = now;
        link.UpdatedAt = now;
        var accounts = await db.BankAccounts.Where(a => a.LinkId == link.Id && a.ClosedAt == null).ToListAsync(cancellationToken);
        accounts.ForEach(a => (a.ClosedAt, a.UpdatedAt) = (now, now));
        await db.SaveChangesAsync(cancellationToken);
        await trail.AppendAsync(db, new AuditRecord(
            merchant.MerchantId, AuditAction.BankUnlinked, AuditOutcome.Success, by.Actor, BankLinkHealth.AuditTargetType, link.Id.ToString(),
            $"Unlinked {link.InstitutionName}; {accounts.Count} account(s) closed, their history kept",
            new { institution = link.InstitutionName, plaid_said = removed.Succeeded ? "removed" : "not found" }, by.Origin), cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return CommandResult.Ok;
    }
}
