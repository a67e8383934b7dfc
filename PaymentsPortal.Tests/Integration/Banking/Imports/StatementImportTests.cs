using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Banking.Imports;
using PaymentsPortal.Core.Banking.Statements;
using PaymentsPortal.Core.Banking.Transactions;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Tests.Unit.Banking.Statements;

namespace PaymentsPortal.Tests.Integration.Banking.Imports;

/// <summary>
/// Good statements through preview and import over real PostgreSQL: rows, signed amounts, fingerprints as external ids, the import
/// row and its audit entry; what the preview shows for a CSV and an OFX file.
/// </summary>
[Trait("Tier", "Integration")]
public sealed class StatementImportTests : IAsyncLifetime
{
    private StatementImportTestBed bed = default!;

    public async Task InitializeAsync() => bed = await StatementImportTestBed.StartAsync();

    public async Task DisposeAsync() => await bed.DisposeAsync();

    [Fact]
    public async Task Import_GoodCsv_StoresEverySignedLineWithItsFingerprint_AndAuditsIt()
    {
        var account = await bed.AccountAsync();

        var result = await bed.ImportCorpusAsync(account, "Good/single-amount.csv");

        Assert.True(result.Succeeded, result.Summary);
        Assert.Equal((5, 5, 0, "csv"), (result.LineCount, result.AddedCount, result.DuplicateCount, result.Format));
        Assert.Equal((new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 5)), (result.FirstDate, result.LastDate));
        Assert.Equal("Added 5 of 5 transactions (2026-02-01 to 2026-02-05).", result.Summary);
        var stored = await bed.TransactionsAsync(account.Id);
        Assert.Equal([-12000, -2345, -250, 1599, 50000], stored.Select(t => t.AmountMinor).Order());
        var expected = StatementCorpus.Parse("Good/single-amount.csv", Currency.Usd).Lines;
        Assert.Equal(expected.Select(l => l.Fingerprint).Order(StringComparer.Ordinal), stored.Select(t => t.ExternalId).Order(StringComparer.Ordinal));
        Assert.All(stored, t => Assert.Equal((BankTransactionSource.Statement, "USD", result.ImportId, false), (t.Source, t.CurrencyCode, t.ImportId, t.Pending)));
        Assert.Contains(stored, t => t.Description == "Direct debit - \"City Council\"" && t.AmountMinor == -12000);

        var import = Assert.Single(await bed.ImportsAsync(account.Id));
        Assert.Equal((result.ImportId, "single-amount.csv", 5, 5, 0, bed.Admin.UserId), (import.Id, import.FileName, import.LineCount, import.AddedCount, import.DuplicateCount, import.ImportedByUserId));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(StatementCorpus.Bytes("Good/single-amount.csv"))), import.Sha256);
        var audit = Assert.Single(await bed.AuditAsync(AuditAction.StatementImported));
        Assert.Equal((AuditOutcome.Success, "statement_import", import.Id.ToString(), "Ada Admin"), (audit.Outcome, audit.TargetType, audit.TargetId, audit.ActorName));
        Assert.Contains("\"added\":5", audit.Details, StringComparison.Ordinal);
        Assert.Contains("\"format\":\"csv\"", audit.Details, StringComparison.Ordinal);
        Assert.Contains("\"fileName\":\"single-amount.csv\"", audit.Details, StringComparison.Ordinal);
        Assert.Contains(string.Join(':', import.Sha256.Chunk(8).Select(c => new string(c))), audit.Details, StringComparison.Ordinal);
        Assert.DoesNotContain("TESCO", audit.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_GoodOfx_StoresTheLinesKeyedByFitId_AndCallsItOfx()
    {
        var account = await bed.AccountAsync();

        var result = await bed.ImportCorpusAsync(account, "Good/checking-ofx102.ofx");

        Assert.True(result.Succeeded, result.Summary);
        Assert.Equal(("ofx", 5, 5), (result.Format, result.LineCount, result.AddedCount));
        Assert.Equal((new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 31)), (result.FirstDate, result.LastDate));
        var stored = await bed.TransactionsAsync(account.Id);
        Assert.Equal([-120000, -6499, -500, -500, 250000], stored.Select(t => t.AmountMinor).Order());
        var expected = StatementCorpus.Parse("Good/checking-ofx102.ofx").Lines;
        Assert.Equal(expected.Select(l => l.Fingerprint).Order(StringComparer.Ordinal), stored.Select(t => t.ExternalId).Order(StringComparer.Ordinal));
        Assert.All(stored, t => Assert.StartsWith("ofx1:", t.ExternalId, StringComparison.Ordinal));
        Assert.Single(await bed.AuditAsync(AuditAction.StatementImported));
    }

    [Fact]
    public async Task Import_Qfx_IsRecordedAsQfx()
    {
        var account = await bed.AccountAsync(mask: "1111");

        var result = await bed.ImportCorpusAsync(account, "Good/creditcard.qfx");

        Assert.True(result.Succeeded, result.Summary);
        Assert.Equal(("qfx", 3), (result.Format, result.AddedCount));
        Assert.Equal("qfx", Assert.Single(await bed.ImportsAsync(account.Id)).Format);
    }

    [Theory]
    [InlineData("Good/uk-bank-1252.csv", "GBP", "windows-1252", "Café Rouge £ voucher", -1840)]
    [InlineData("Good/eu-bank-semicolon.csv", "EUR", "utf-8", "Stadtwerke München Strom Januar", -8420)]
    public async Task Import_EuropeanFilesInTheirEncodings_KeepTheirText(string file, string currency, string encoding, string description, long minor)
    {
        var account = await bed.AccountAsync(currency: currency);
        var preview = await bed.Importer.PreviewAsync(bed.Admin, account.Id, file, new MemoryStream(StatementCorpus.Bytes(file)));

        var result = await bed.ImportCorpusAsync(account, file);

        Assert.Equal(encoding, preview.EncodingName);
        Assert.True(result.Succeeded, result.Summary);
        Assert.Contains(await bed.TransactionsAsync(account.Id), t => t.Description == description && t.AmountMinor == minor && t.CurrencyCode == currency);
    }

    [Fact]
    public async Task Import_LongDescriptionAndAPathAsFileName_AreCutToWhatIsKept()
    {
        var account = await bed.AccountAsync();
        var longName = new string('n', 300) + ".csv";

        var result = await bed.ImportTextAsync(account, @"C:\Users\ada\Downloads\" + longName, $"Date,Description,Amount\n2026-02-01,{new string('x', 700)},-1.00\n");

        Assert.True(result.Succeeded, result.Summary);
        Assert.Equal(BankTransaction.DescriptionMaxLength, Assert.Single(await bed.TransactionsAsync(account.Id)).Description.Length);
        var import = Assert.Single(await bed.ImportsAsync(account.Id));
        Assert.Equal(StatementImport.FileNameMaxLength, import.FileName.Length);
        Assert.StartsWith("nnnn", import.FileName, StringComparison.Ordinal);
        Assert.EndsWith(".csv", import.FileName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_AnEditedMapping_IsHonoured()
    {
        var account = await bed.AccountAsync();
        const string card = "Date,Description,Amount\n2026-02-01,Coffee,4.50\n2026-02-02,Refund,-10.00\n";

        var result = await bed.ImportTextAsync(account, "card.csv", card, m => m with { AmountSign = CsvAmountSign.PositiveIsMoneyOut });

        Assert.True(result.Succeeded, result.Summary);
        Assert.Equal([-450, 1000], (await bed.TransactionsAsync(account.Id)).Select(t => t.AmountMinor));
    }

    [Fact]
    public async Task Preview_Csv_ShowsTheRowsAndAMapping_AndStoresNothing()
    {
        var account = await bed.AccountAsync();

        var preview = await bed.Importer.PreviewAsync(bed.Admin, account.Id, "us-bank-debit-credit.csv", new MemoryStream(StatementCorpus.Bytes("Good/us-bank-debit-credit.csv")));

        Assert.True(preview.Succeeded, preview.Error);
        Assert.Equal(("csv", "utf-8"), (preview.Format, preview.EncodingName));
        var csv = preview.Csv!;
        Assert.Equal(["Transaction Date", "Posted Date", "Description", "Debit", "Credit", "Balance"], csv.Headers);
        Assert.Equal(6, csv.Rows.Count);
        Assert.Equal((3, 4, null), (csv.Mapping!.DebitColumn, csv.Mapping.CreditColumn, csv.Mapping.AmountColumn));
        Assert.Null(preview.Ofx);
        Assert.Empty(preview.Warnings);
        Assert.Null(preview.AlreadyImportedAt);
        Assert.Empty(await bed.TransactionsAsync(account.Id));
        Assert.Empty(await bed.ImportsAsync(account.Id));
    }

    [Fact]
    public async Task Preview_Ofx_SummarisesIt_AndWarnsWhenTheAccountNumberDiffers()
    {
        var account = await bed.AccountAsync(mask: "4321");

        var preview = await bed.Importer.PreviewAsync(bed.Admin, account.Id, "checking-ofx102.ofx", new MemoryStream(StatementCorpus.Bytes("Good/checking-ofx102.ofx")));

        Assert.True(preview.Succeeded, preview.Error);
        Assert.Equal(("ofx", "windows-1252"), (preview.Format, preview.EncodingName));
        var ofx = preview.Ofx!;
        Assert.Equal((5, new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 31), "••6789", "USD"), (ofx.LineCount, ofx.StartDate, ofx.EndDate, ofx.MaskedAccount, ofx.Currency?.Code));
        Assert.Equal(
            "The statement is for an account ending in 6789, but Operating account ••4321 ends in 4321. Check that this is the right file.",
            Assert.Single(preview.Warnings));
        Assert.Empty(await bed.ImportsAsync(account.Id));
    }

    [Fact]
    public async Task Preview_OfxInAnotherCurrency_WarnsThatTheImportWillBeRefused()
    {
        var account = await bed.AccountAsync(currency: "EUR");

        var preview = await bed.Importer.PreviewAsync(bed.Admin, account.Id, "checking-ofx102.ofx", new MemoryStream(StatementCorpus.Bytes("Good/checking-ofx102.ofx")));

        Assert.Contains("The statement is in USD, but Operating account ••6789 is kept in EUR: the import will be refused.", preview.Warnings);
    }

    [Fact]
    public async Task Preview_CsvInAnotherCurrency_WarnsThatItsLinesWillBeRefused()
    {
        var account = await bed.AccountAsync(currency: "USD");

        var preview = await bed.Importer.PreviewAsync(bed.Admin, account.Id, "eu.csv", new MemoryStream(StatementCorpus.Bytes("Good/eu-bank-semicolon.csv")));

        Assert.Equal(("csv", "utf-8"), (preview.Format, preview.EncodingName));
        Assert.Equal(
            "The amounts look like EUR, but Operating account ••6789 is kept in USD: lines in another currency will be refused.",
            Assert.Single(preview.Warnings));
    }

    [Fact]
    public async Task Import_ADepositOfAPayout_IsMatchedAtOnce()
    {
        var account = await bed.AccountAsync();
        var payout = await bed.Data.PayoutAsync(125_000, StatementImportTestBed.Today.AddDays(-2));

        var result = await bed.ImportTextAsync(account, "deposit.csv", "Date,Description,Amount\n2026-02-09,STRIPE TRANSFER,1250.00\n");

        Assert.True(result.Succeeded, result.Summary);
        Assert.Equal(1, result.MatchedPayouts);
        Assert.EndsWith("1 payout(s) matched with the new deposits.", result.Summary, StringComparison.Ordinal);
        Assert.Contains(await bed.AuditAsync(AuditAction.PayoutMatched), e => e.TargetId == payout.Id.ToString());
    }
}
