using PaymentsPortal.Core.Banking.Transactions.Browsing;

namespace PaymentsPortal.Downloads;

/// <summary>What a bank transactions export ticket carries: who asked, for which merchant's account, with which filter.</summary>
public sealed record BankTransactionExportTicket(Guid UserId, Guid MerchantId, Guid AccountId, BankTransactionFilter Filter);
