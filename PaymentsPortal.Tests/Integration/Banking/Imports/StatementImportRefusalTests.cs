using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Banking.Statements;
using PaymentsPortal.Tests.Unit.Banking.Statements;

namespace PaymentsPortal.Tests.Integration.Banking.Imports;

/// <summary>
/// What is refused, and that a refusal leaves nothing behind but its audit entry: a malformed file (problems with line numbers), a
/// statement in another currency, an oversized file, a role without banking management, and accounts statements do not go into.
/// </summary>
[Trait("Tier", "Integration")]
public sealed class StatementImportRefusalTests : IAsyncLifetime
{
    private StatementImportTestBed bed = default!;

    public async Task InitializeAsync() => bed = await StatementImportTestBed.StartAsync();

    public async Task DisposeAsync() => await bed.DisposeAsync();

    [Fact]
    public async Task Import_AMalformedCsv_StoresNothing_ListsTheLine_AndAuditsTheRefusal()
    {
        var account = await bed.AccountAsync();

        var result = await bed.ImportCorpusAsync(account, "Malformed/bad-amount.csv");

        Assert.False(result.Succeeded);
        Assert.Equal("Nothing was imported from bad-amount.csv:", result.Error);
        var problem = Assert.Single(result.Problems);
        Assert.Equal((14, "Line 14: the amount 'abc' is not a number."), (problem.Line, problem.Message));
        Assert.Null(result.ImportId);
        Assert.Empty(await bed.TransactionsAsync(account.Id));
        Assert.Empty(await bed.ImportsAsync(account.Id));
        Assert.Empty(await bed.AuditAsync(AuditAction.StatementImported));
        var audit = Assert.Single(await bed.AuditAsync(AuditAction.StatementRejected));
        Assert.Equal((AuditOutcome.Failure, "bank_account", account.Id.ToString(), "Ada Admin"), (audit.Outcome, audit.TargetType, audit.TargetId, audit.ActorName));
        Assert.Contains("Line 14: the amount", audit.Reason, StringComparison.Ordinal);
        Assert.Contains("\"fileName\":\"bad-amount.csv\"", audit.Details, StringComparison.Ordinal);
        Assert.Contains("\"format\":\"csv\"", audit.Details, StringComparison.Ordinal);
        Assert.DoesNotContain("Mystery", audit.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_ManyBadRows_ListsTheFirstAndCountsTheRest()
    {
        var account = await bed.AccountAsync();
        var text = new StringBuilder("Date,Description,Amount\n");
        for (var day = 1; day <= 28; day++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"2026-01-{day:00},Row,abc\n").Append(System.Globalization.CultureInfo.InvariantCulture, $"2026-01-{day:00},Row,def\n");
        }

        var result = await bed.ImportAsync(account, "many.csv", Encoding.UTF8.GetBytes(text.ToString()), edit: m => m with { AmountColumn = 2 });

        Assert.Equal(StatementImportOptions.Default.MaxProblems, result.Problems.Count);
        Assert.Equal(56 - StatementImportOptions.Default.MaxProblems, result.MoreProblems);
        Assert.All(result.Problems, p => Assert.NotNull(p.Line));
        Assert.Contains("\"moreProblems\":51", Assert.Single(await bed.AuditAsync(AuditAction.StatementRejected)).Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_AStatementInAnotherCurrency_IsRefused()
    {
        var account = await bed.AccountAsync(currency: "USD");

        var result = await bed.ImportCorpusAsync(account, "Good/eu-bank-semicolon.csv");

        Assert.False(result.Succeeded);
        Assert.StartsWith("The statement is in EUR, but Operating account ••6789 is kept in USD", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
        Assert.Empty(await bed.TransactionsAsync(account.Id));
        Assert.Single(await bed.AuditAsync(AuditAction.StatementRejected));
    }

    [Fact]
    public async Task Import_ACsvMixingCurrencies_NamesTheLinesInTheOtherCurrency()
    {
        var account = await bed.AccountAsync(currency: "USD");
        const string mixed = "Date,Description,Amount,Currency\n2026-01-02,Hotel,-100.00,USD\n2026-01-03,Taxi,-20.00,EUR\n";

        var result = await bed.ImportTextAsync(account, "mixed.csv", mixed);

        var problem = Assert.Single(result.Problems);
        Assert.Equal((3, "Line 3: the amount is in EUR, but Operating account ••6789 is kept in USD."), (problem.Line, problem.Message));
        Assert.Empty(await bed.TransactionsAsync(account.Id));
    }

    [Fact]
    public async Task Import_AnOfxInAnotherCurrency_IsRefused()
    {
        var account = await bed.AccountAsync(currency: "EUR");

        var result = await bed.ImportCorpusAsync(account, "Good/checking-ofx102.ofx");

        Assert.StartsWith("The statement is in USD, but", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
        Assert.Empty(await bed.TransactionsAsync(account.Id));
    }

    [Fact]
    public async Task Import_ACsvWithoutAMapping_IsRefused()
    {
        var account = await bed.AccountAsync();

        var result = await bed.Importer.ImportAsync(bed.Admin, account.Id, "a.csv", new MemoryStream(StatementCorpus.Bytes("Good/single-amount.csv")), null);

        Assert.Contains("choose which column holds what", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
        Assert.Empty(await bed.TransactionsAsync(account.Id));
    }

    [Theory]
    [InlineData("operator@demo.local")]
    [InlineData("compliance@demo.local")]
    [InlineData("viewer@demo.local")]
    public async Task ImportAndPreview_ByARoleWithoutBankingManage_AreRefused(string email)
    {
        var account = await bed.AccountAsync();
        var who = await bed.AccessAsync(email);

        var preview = await bed.Importer.PreviewAsync(who, account.Id, "a.ofx", new MemoryStream(StatementCorpus.Bytes("Good/checking-ofx102.ofx")));
        var result = await bed.ImportCorpusAsync(account, "Good/checking-ofx102.ofx", who);

        Assert.Equal("Your role cannot import bank statements.", preview.Error);
        Assert.Equal("Your role cannot import bank statements.", result.Error);
        Assert.Empty(await bed.TransactionsAsync(account.Id));
        Assert.Empty(await bed.AuditAsync(AuditAction.StatementRejected));
    }

    [Fact]
    public async Task Import_IntoAPlaidAccount_IsRefused()
    {
        var account = await bed.PlaidAccountAsync();

        var result = await bed.ImportCorpusAsync(account, "Good/checking-ofx102.ofx");

        Assert.Equal("Plaid checking ••0000 is read through Plaid: its transactions come from the bank, so statements cannot be imported into it.", result.Error);
        Assert.Empty(await bed.TransactionsAsync(account.Id));
        Assert.Empty(await bed.ImportsAsync(account.Id));
    }

    [Fact]
    public async Task Import_IntoAClosedOrUnknownAccount_IsRefused()
    {
        var closed = await bed.AccountAsync(closed: true);

        var intoClosed = await bed.ImportCorpusAsync(closed, "Good/checking-ofx102.ofx");
        var intoUnknown = await bed.Importer.ImportAsync(bed.Admin, Guid.NewGuid(), "a.ofx", new MemoryStream(StatementCorpus.Bytes("Good/checking-ofx102.ofx")), null);

        Assert.Equal("Operating account ••6789 is closed: statements can no longer be imported into it.", intoClosed.Error);
        Assert.Equal("That bank account does not exist.", intoUnknown.Error);
        Assert.Empty(await bed.ImportsAsync(closed.Id));
    }

    [Fact]
    public async Task Import_AFileOverTheSizeLimit_IsRefusedWithoutReadingItAll()
    {
        await using var small = await StatementImportTestBed.StartAsync(services => services.AddSingleton(new StatementImportOptions { MaxFileBytes = 1024 }));
        var account = await small.AccountAsync();
        var endless = new EndlessStream();

        var preview = await small.Importer.PreviewAsync(small.Admin, account.Id, "big.csv", new EndlessStream());
        var result = await small.Importer.ImportAsync(small.Admin, account.Id, "big.csv", endless, null);

        Assert.Equal("The file is larger than 1 KB, the most one import accepts. Export a shorter date range and import that.", Assert.Single(preview.Problems).Message);
        Assert.Equal(small.Importer.FileTooLargeMessage, Assert.Single(result.Problems).Message);
        Assert.True(endless.Position < 200 * 1024);
        Assert.Empty(await small.TransactionsAsync(account.Id));
        Assert.Contains("\"sha256\":null", Assert.Single(await small.AuditAsync(AuditAction.StatementRejected)).Details, StringComparison.Ordinal);
    }

    /// <summary>An upload that never ends, to show that reading stops at the limit.</summary>
    private sealed class EndlessStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get; set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            buffer.AsSpan(offset, count).Fill((byte)'a');
            Position += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
