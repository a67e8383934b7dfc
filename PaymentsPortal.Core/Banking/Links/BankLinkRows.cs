using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Persistence;

namespace PaymentsPortal.Core.Banking.Links;

internal static class BankLinkRows
{
    /// <summary>The link, locked for the caller's transaction: a sync, a webhook and an Admin never change one link at once.</summary>
    public static Task<BankLink?> LockAsync(PortalDbContext db, Guid merchantId, Guid linkId, CancellationToken cancellationToken) =>
        db.BankLinks.FromSql($"SELECT * FROM bank_links WHERE merchant_id = {merchantId} AND id = {linkId} FOR UPDATE").SingleOrDefaultAsync(cancellationToken);
}
