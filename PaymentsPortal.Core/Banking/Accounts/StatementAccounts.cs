using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Common;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Banking.Accounts;

/// <summary>
/// An Admin adds a bank account by hand, for a bank Plaid does not reach: its transactions then come from imported statements.
/// Only a name, the last digits of the number (never the whole number) and the currency are kept.
/// </summary>
public sealed class StatementAccounts(IServiceScopeFactory scopes, IAuditTrail trail, TimeProvider clock)
{
    public async Task<CommandResult<BankAccount>> AddAsync(UserAccess access, string name, string? mask, string currencyCode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        if (access.Current is not { } merchant || !access.Has(Permission.BankingManage))
        {
            return CommandResult.Failure<BankAccount>("Your role cannot add bank accounts.");
        }

        var trimmed = name?.Trim() ?? "";
        var digits = string.IsNullOrWhiteSpace(mask) ? null : mask.Trim();
        if (trimmed.Length is 0 or > BankAccount.NameMaxLength)
        {
            return CommandResult.Failure<BankAccount>($"Name the account (at most {BankAccount.NameMaxLength} characters), for example \"Operating account\".");
        }

        if (digits is not null && (digits.Length is < 2 or > 4 || !digits.All(char.IsAsciiDigit)))
        {
            return CommandResult.Failure<BankAccount>("Give only the last 2 to 4 digits of the account number, or leave them out. The full number is never needed.");
        }

        if (!Currency.TryFrom(currencyCode, out var currency))
        {
            return CommandResult.Failure<BankAccount>($"'{currencyCode}' is not a supported ISO 4217 currency.");
        }

        var by = access.AsActor();
        var now = clock.GetUtcNow();
        var account = new BankAccount
        {
            MerchantId = merchant.MerchantId, Id = Guid.CreateVersion7(now), Source = BankAccountSource.Statement, Name = trimmed, Mask = digits,
            CurrencyCode = currency.Code, CreatedAt = now, UpdatedAt = now,
        };
        await using var scope = scopes.CreateForMerchant(merchant.MerchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        db.BankAccounts.Add(account);
        await db.SaveChangesAsync(cancellationToken);
        await trail.AppendAsync(db, new AuditRecord(
            merchant.MerchantId, AuditAction.BankAccountAdded, AuditOutcome.Success, by.Actor, "bank_account", account.Id.ToString(),
            $"Added the statement account {trimmed}{(digits is null ? "" : " ••" + digits)} ({currency.Code})",
            new { source = account.Source.ToString(), name = trimmed, mask = digits, currency = currency.Code }, by.Origin), cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return CommandResult.Returning(account);
    }
}
