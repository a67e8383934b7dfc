using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Banking.Accounts;
using PaymentsPortal.Core.Banking.Plaid;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Persistence;

namespace PaymentsPortal.Core.Banking.Links;

/// <summary>
/// Brings a link's accounts in line with what Plaid listed: new accounts are added, known ones get their names, balances and
/// verification status, and accounts Plaid no longer lists are closed (kept, with their transactions). Balances Plaid gives in a
/// currency the portal does not know are left empty rather than guessed.
/// </summary>
internal static class PlaidAccountsWriter
{
    public static async Task<IReadOnlyList<BankAccount>> ApplyAsync(
        PortalDbContext db, BankLink link, IReadOnlyList<PlaidAccount> listed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var known = await db.BankAccounts.Where(a => a.MerchantId == link.MerchantId && a.LinkId == link.Id).ToListAsync(cancellationToken);
        foreach (var account in listed)
        {
            var row = known.SingleOrDefault(a => a.PlaidAccountId == account.AccountId);
            if (row is null)
            {
                row = new BankAccount
                {
                    MerchantId = link.MerchantId, Id = Guid.CreateVersion7(now), Source = BankAccountSource.Plaid, LinkId = link.Id,
                    PlaidAccountId = account.AccountId, CreatedAt = now,
                };
                db.BankAccounts.Add(row);
                known.Add(row);
            }

            row.Name = Clip(account.Name, BankAccount.NameMaxLength);
            row.OfficialName = account.OfficialName is null ? null : Clip(account.OfficialName, BankAccount.NameMaxLength);
            row.Mask = account.Mask is { Length: > 4 } mask ? mask[^4..] : account.Mask;
            row.Type = account.Type;
            row.Subtype = account.Subtype;
            row.VerificationStatus = account.VerificationStatus ?? row.VerificationStatus;
            var current = account.Balances.GetCurrent().Money;
            var available = account.Balances.GetAvailable().Money;
            row.CurrencyCode = (current ?? available)?.Currency.Code ?? (row.CurrencyCode.Length == 3 ? row.CurrencyCode : account.Balances.IsoCurrencyCode ?? "USD");
            SetBalances(row, current, available, account.Balances.LastUpdatedDatetime ?? now);
            row.ClosedAt = null;
            row.UpdatedAt = now;
        }

        foreach (var gone in known.Where(a => a.ClosedAt is null && listed.All(l => l.AccountId != a.PlaidAccountId)))
        {
            gone.ClosedAt = now;
            gone.UpdatedAt = now;
        }

        return known;
    }

    private static void SetBalances(BankAccount row, Money? current, Money? available, DateTimeOffset asOf)
    {
        // A balance in another currency than the account's would be read in the wrong unit: leave it out.
        row.CurrentBalanceMinor = current is { } c && c.Currency.Code == row.CurrencyCode ? c.MinorUnits : null;
        row.AvailableBalanceMinor = available is { } a && a.Currency.Code == row.CurrencyCode ? a.MinorUnits : null;
        row.BalanceAsOf = asOf;
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max];
}
