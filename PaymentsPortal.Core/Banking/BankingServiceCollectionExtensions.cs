using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Banking.Accounts;
using PaymentsPortal.Core.Banking.Plaid;
using PaymentsPortal.Core.Banking.Reconciliation;

namespace PaymentsPortal.Core.Banking;

public static class BankingServiceCollectionExtensions
{
    /// <summary>Bank accounts, their transactions and the reconciliation of payouts with deposits.</summary>
    public static IServiceCollection AddPortalBanking(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReconciliationOptions>().Bind(configuration.GetSection(ReconciliationOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PayoutReconciliation>();
        services.AddSingleton<PayoutMatches>();
        services.AddSingleton<BankAccountQueries>();
        services.AddSingleton<Transactions.Browsing.BankTransactionQueries>();
        services.AddSingleton<Transactions.Browsing.BankTransactionCsvExport>();
        services.AddSingleton<StatementAccounts>();
        services.AddSingleton<Imports.StatementImporter>();
        services.AddSingleton<Links.BankTokenProtector>();
        services.AddPlaidClient(configuration);
        services.AddSingleton<Links.BankLinkHealth>();
        services.AddSingleton<Links.BankLinking>();
        services.AddSingleton<Links.BankUnlinking>();
        services.AddSingleton<BalanceChecks>();
        services.AddSingleton<Transactions.BankTransactionSync>();
        services.AddSingleton<Transactions.BankSyncSignal>();
        return services;
    }
}
