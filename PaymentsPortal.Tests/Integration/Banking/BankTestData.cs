using PaymentsPortal.Core.Banking.Accounts;
using PaymentsPortal.Core.Banking.Transactions;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Payouts;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Banking;

/// <summary>Payouts, a statement account and its deposits written straight into the database, for reconciliation tests.</summary>
internal sealed class BankTestData(CoreHost host, Guid merchantId, TimeProvider clock)
{
    public async Task<BankAccount> AccountAsync(string name = "Operating account", string currency = "USD")
    {
        var now = clock.GetUtcNow();
        var account = new BankAccount
        {
            MerchantId = merchantId, Id = Guid.CreateVersion7(now), Source = BankAccountSource.Statement, Name = name, Mask = "4321",
            CurrencyCode = currency, CreatedAt = now, UpdatedAt = now,
        };
        await using var db = host.Context(merchantId);
        db.BankAccounts.Add(account);
        await db.SaveChangesAsync();
        return account;
    }

    public async Task<BankTransaction> DepositAsync(BankAccount account, long minor, DateOnly date, string description = "STRIPE TRANSFER", string? currency = null)
    {
        var now = clock.GetUtcNow();
        var transaction = new BankTransaction
        {
            MerchantId = merchantId, Id = Guid.CreateVersion7(now), AccountId = account.Id, Source = BankTransactionSource.Statement,
            ExternalId = Guid.NewGuid().ToString("N"), Date = date, AmountMinor = minor, CurrencyCode = currency ?? account.CurrencyCode,
            Description = description, CreatedAt = now, UpdatedAt = now,
        };
        await using var db = host.Context(merchantId);
        db.BankTransactions.Add(transaction);
        await db.SaveChangesAsync();
        return transaction;
    }

    public async Task<Payout> PayoutAsync(long minor, DateOnly arrival, PayoutStatus status = PayoutStatus.Paid, string currency = "USD")
    {
        var now = clock.GetUtcNow();
        var payout = new Payout
        {
            MerchantId = merchantId, Id = Guid.CreateVersion7(now), Gateway = GatewayKind.Stripe, GatewayReference = "po_" + Guid.NewGuid().ToString("N")[..12],
            AmountMinor = minor, CurrencyCode = Currency.From(currency).Code, Status = status, GatewayStatus = status.ToString().ToLowerInvariant(),
            ArrivalDate = new DateTimeOffset(arrival.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), CreatedAt = now, ReportedAt = now, UpdatedAt = now,
        };
        await using var db = host.Context(merchantId);
        db.Payouts.Add(payout);
        await db.SaveChangesAsync();
        return payout;
    }
}
