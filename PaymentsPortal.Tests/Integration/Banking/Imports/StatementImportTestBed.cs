using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Banking.Accounts;
using PaymentsPortal.Core.Banking.Imports;
using PaymentsPortal.Core.Banking.Links;
using PaymentsPortal.Core.Banking.Statements;
using PaymentsPortal.Core.Banking.Transactions;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Tests.Support;
using PaymentsPortal.Tests.Unit.Banking.Statements;

namespace PaymentsPortal.Tests.Integration.Banking.Imports;

/// <summary>
/// Demo Coffee over a fresh database, its Admin, accounts to import into, and the preview → import path the dialog takes, for the
/// statement import tests. The clock stands in February 2026, after the corpus's January statements.
/// </summary>
internal sealed class StatementImportTestBed : IAsyncDisposable
{
    public static readonly DateOnly Today = new(2026, 2, 10);

    private StatementImportTestBed(CoreHost host, ManualClock clock, Guid merchantId, UserAccess admin)
    {
        Host = host;
        Clock = clock;
        MerchantId = merchantId;
        Admin = admin;
        Data = new BankTestData(host, merchantId, clock);
    }

    public CoreHost Host { get; }

    public ManualClock Clock { get; }

    public Guid MerchantId { get; }

    public UserAccess Admin { get; }

    public BankTestData Data { get; }

    public StatementImporter Importer => Host.Service<StatementImporter>();

    /// <param name="configure">Runs after Core's registrations: a test registers smaller <see cref="StatementImportOptions"/> here.</param>
    public static async Task<StatementImportTestBed> StartAsync(Action<IServiceCollection>? configure = null)
    {
        var clock = new ManualClock(new DateTimeOffset(Today.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero));
        var host = await CoreHost.StartAsync(clock: clock, configure: configure);
        var merchantId = await host.MerchantIdAsync(DemoData.DemoCoffee);
        return new StatementImportTestBed(host, clock, merchantId, await host.ResolveAsync("admin@demo.local", merchantId));
    }

    public Task<UserAccess> AccessAsync(string email) => Host.ResolveAsync(email, MerchantId);

    /// <summary>A statement account kept by hand, ending in <paramref name="mask"/>.</summary>
    public async Task<BankAccount> AccountAsync(string currency = "USD", string? mask = "6789", bool closed = false)
    {
        var now = Clock.GetUtcNow();
        var account = new BankAccount
        {
            MerchantId = MerchantId, Id = Guid.CreateVersion7(now), Source = BankAccountSource.Statement, Name = "Operating account", Mask = mask,
            CurrencyCode = currency, CreatedAt = now, UpdatedAt = now, ClosedAt = closed ? now : null,
        };
        await using var db = Host.Context(MerchantId);
        db.BankAccounts.Add(account);
        await db.SaveChangesAsync();
        return account;
    }

    /// <summary>An account read through a Plaid link, which statements must not be imported into.</summary>
    public async Task<BankAccount> PlaidAccountAsync()
    {
        var now = Clock.GetUtcNow();
        var link = new BankLink
        {
            MerchantId = MerchantId, Id = Guid.CreateVersion7(now), PlaidItemId = "item-" + Guid.NewGuid().ToString("N"), InstitutionName = "First Platypus Bank",
            Status = BankLinkStatus.Active, CreatedAt = now, UpdatedAt = now,
        };
        var account = new BankAccount
        {
            MerchantId = MerchantId, Id = Guid.CreateVersion7(now), Source = BankAccountSource.Plaid, LinkId = link.Id, PlaidAccountId = "acc-1",
            Name = "Plaid checking", Mask = "0000", CurrencyCode = "USD", CreatedAt = now, UpdatedAt = now,
        };
        await using var db = Host.Context(MerchantId);
        db.BankLinks.Add(link);
        await db.SaveChangesAsync();
        db.BankAccounts.Add(account);
        await db.SaveChangesAsync();
        return account;
    }

    /// <summary>Previews the file, then imports it with the proposed mapping (CSV) as a person who changed nothing would.</summary>
    public async Task<StatementImportResult> ImportAsync(BankAccount account, string name, byte[] bytes, UserAccess? who = null, Func<CsvColumnMapping, CsvColumnMapping>? edit = null)
    {
        var preview = await Importer.PreviewAsync(who ?? Admin, account.Id, name, new MemoryStream(bytes));
        var mapping = preview.Csv?.Mapping is { } proposed ? edit?.Invoke(proposed) ?? proposed : null;
        return await Importer.ImportAsync(who ?? Admin, account.Id, name, new MemoryStream(bytes), mapping);
    }

    public Task<StatementImportResult> ImportCorpusAsync(BankAccount account, string relative, UserAccess? who = null) =>
        ImportAsync(account, Path.GetFileName(relative), StatementCorpus.Bytes(relative), who);

    public Task<StatementImportResult> ImportTextAsync(BankAccount account, string name, string text, Func<CsvColumnMapping, CsvColumnMapping>? edit = null) =>
        ImportAsync(account, name, Encoding.UTF8.GetBytes(text), edit: edit);

    public async Task<List<BankTransaction>> TransactionsAsync(Guid accountId)
    {
        await using var db = Host.Context(MerchantId);
        return await db.BankTransactions.AsNoTracking().Where(t => t.AccountId == accountId).OrderBy(t => t.Date).ThenBy(t => t.AmountMinor).ToListAsync();
    }

    public async Task<List<StatementImport>> ImportsAsync(Guid accountId)
    {
        await using var db = Host.Context(MerchantId);
        return await db.StatementImports.AsNoTracking().Where(i => i.AccountId == accountId).OrderBy(i => i.CreatedAt).ToListAsync();
    }

    public async Task<List<AuditEntry>> AuditAsync(AuditAction action)
    {
        await using var db = Host.Context(MerchantId);
        return await db.AuditEntries.AsNoTracking().Where(e => e.Action == action).OrderBy(e => e.Sequence).ToListAsync();
    }

    /// <summary>
    /// Holds the account's import turn on a connection of its own, so that imports started now all wait at the same point, past their
    /// checks and parsing; releasing it lets them race for real. Dispose to release.
    /// </summary>
    public async Task<NpgsqlConnection> HoldImportTurnAsync(Guid accountId)
    {
        // Unpooled: a pooled connection would go back to the pool still holding the lock, where closing it releases it.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Host.Database.AppConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@space, hashtext(@account))", connection);
        command.Parameters.AddWithValue("space", StatementImportWriter.LockSpace);
        command.Parameters.AddWithValue("account", accountId.ToString());
        await command.ExecuteNonQueryAsync();
        return connection;
    }

    /// <summary>Waits until <paramref name="count"/> sessions of this database wait for an advisory lock.</summary>
    public async Task WaitForImportsWaitingAsync(int count)
    {
        await using var connection = new NpgsqlConnection(Host.Database.AppConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
            connection);
        await Eventually.UntilAsync(async () => (long)(await command.ExecuteScalarAsync())!, waiting => waiting >= count, TimeSpan.FromSeconds(30), $"{count} imports waiting for their turn");
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
