using System.Text;
using PaymentsPortal.Core.Banking.Statements;
using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Tests.Unit.Banking.Statements;

[Trait("Tier", "Unit")]
public sealed class StatementFileTests
{
    private const string Csv = "Date,Description,Amount\n2026-01-02,Café £5 crème brûlée,-5.00\n";

    [Fact]
    public async Task LoadAsync_FileOverTheSizeLimit_IsRefused()
    {
        var options = new StatementImportOptions { MaxFileBytes = 1000 };
        using var content = new MemoryStream(new byte[1001]);

        var load = await StatementFile.LoadAsync(content, options);

        Assert.False(load.Succeeded);
        Assert.Contains("larger than 1000 bytes", Assert.Single(load.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_EndlessUpload_StopsReadingJustPastTheLimit()
    {
        var options = new StatementImportOptions { MaxFileBytes = 1024 * 1024 };
        await using var endless = new EndlessStream();

        var load = await StatementFile.LoadAsync(endless, options);

        Assert.Contains("larger than 1 MB", Assert.Single(load.Problems).Message, StringComparison.Ordinal);
        Assert.True(endless.Served < 2 * 1024 * 1024);
    }

    [Fact]
    public async Task LoadAsync_FileAtTheSizeLimit_Loads()
    {
        var bytes = Encoding.UTF8.GetBytes(Csv);
        using var content = new MemoryStream(bytes);

        var load = await StatementFile.LoadAsync(content, new StatementImportOptions { MaxFileBytes = bytes.Length });

        Assert.True(load.Succeeded);
        Assert.Equal(bytes.Length, load.File.ByteCount);
    }

    [Fact]
    public void Load_DefaultLimit_IsTenMegabytes() =>
        Assert.Equal(10L * 1024 * 1024, StatementImportOptions.Default.MaxFileBytes);

    [Fact]
    public void Parse_MoreRowsThanTheLimit_IsRefusedWithNoLines()
    {
        var rows = string.Concat(Enumerable.Range(1, 6).Select(d => $"2026-01-0{d},Row,-1.00\n"));
        var options = new StatementImportOptions { MaxRows = 5 };

        var result = StatementParser.Parse(StatementCorpus.Load(Encoding.UTF8.GetBytes("Date,Description,Amount\n" + rows)), UsdMapping, options);

        Assert.Empty(result.Lines);
        Assert.Contains("more than 5 rows", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ManyBadRows_ListsTheFirstProblemsAndCountsTheRest()
    {
        var rows = string.Concat(Enumerable.Range(1, 60).Select(i => $"2026-01-01,Row {i},oops\n"));

        var result = StatementParser.Parse(StatementCorpus.Load(Encoding.UTF8.GetBytes("Date,Description,Amount\n" + rows)), UsdMapping);

        Assert.Equal(50, result.Problems.Count);
        Assert.Equal(10, result.MoreProblems);
        Assert.Equal(2, result.Problems[0].Line);
        Assert.Equal("Amount", result.Problems[0].Column);
    }

    public static TheoryData<string, byte[]> Encodings() => new()
    {
        { "utf-8", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Csv)] },
        { "utf-8", Encoding.UTF8.GetBytes(Csv) },
        { "utf-16", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(Csv)] },
        { "utf-16BE", [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(Csv)] },
        { "utf-16", Encoding.Unicode.GetBytes(Csv) },
        { "windows-1252", Encoding.Latin1.GetBytes(Csv) },
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Load_EncodedText_IsDecodedWithTheRightEncoding(string expected, byte[] bytes)
    {
        var file = StatementCorpus.Load(bytes);

        Assert.Equal(expected, file.EncodingName);
        var line = Assert.Single(StatementParser.Parse(file, UsdMapping).Lines);
        Assert.Equal("Café £5 crème brûlée", line.Description);
    }

    [Fact]
    public void Load_Windows1252Only_ReadsTheEuroSign()
    {
        var bytes = Encoding.Latin1.GetBytes("Date,Description,Amount\n2026-01-02,Price ?,-5.00\n");
        bytes[^8] = 0x80;

        var line = Assert.Single(StatementParser.Parse(StatementCorpus.Load(bytes), UsdMapping).Lines);

        Assert.Equal("Price €", line.Description);
    }

    [Theory]
    [InlineData("ENCODING:USASCII\r\nCHARSET:1252", new byte[] { 0xE9 }, "windows-1252")]
    [InlineData("ENCODING:UTF-8\r\nCHARSET:NONE", new byte[] { 0xC3, 0xA9 }, "utf-8")]
    [InlineData("ENCODING:USASCII\r\nCHARSET:ISO-8859-1", new byte[] { 0xE9 }, "iso-8859-1")]
    public void Load_OfxHeaderDeclaresTheEncoding_IsHonoured(string declaration, byte[] accent, string expected)
    {
        var text = Encoding.Latin1.GetString(StatementCorpus.Bytes("Good/checking-ofx102.ofx"))
            .Replace("ENCODING:USASCII\r\nCHARSET:1252", declaration, StringComparison.Ordinal);
        var bytes = Encoding.Latin1.GetBytes(text).ToList();
        var at = bytes.IndexOf(0xE9);
        bytes.RemoveAt(at);
        bytes.InsertRange(at, accent);

        var file = StatementCorpus.Load([.. bytes]);

        Assert.Equal(expected, file.EncodingName);
        Assert.Contains(StatementParser.Parse(file).Lines, l => l.Description.Contains("Café", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Good/checking-ofx102.ofx", StatementFormat.OfxSgml)]
    [InlineData("Good/creditcard.qfx", StatementFormat.OfxSgml)]
    [InlineData("Good/checking-ofx2.ofx", StatementFormat.OfxXml)]
    [InlineData("Good/single-amount.csv", StatementFormat.Csv)]
    public void Load_AnyFile_DetectsTheFormatFromTheContent(string path, StatementFormat expected) =>
        Assert.Equal(expected, StatementCorpus.Load(path).Format);

    [Fact]
    public void Load_OfxWithoutItsHeaderBlock_IsStillOfx()
    {
        var text = Encoding.Latin1.GetString(StatementCorpus.Bytes("Good/checking-ofx102.ofx"));

        var file = StatementCorpus.Load(Encoding.Latin1.GetBytes(text[text.IndexOf("<OFX>", StringComparison.Ordinal)..]));

        Assert.Equal(StatementFormat.OfxSgml, file.Format);
        Assert.Equal(5, StatementParser.Parse(file).Lines.Count);
    }

    [Fact]
    public void Parse_CsvWithoutAMapping_AsksForOne()
    {
        var result = StatementParser.Parse(StatementCorpus.Load("Good/single-amount.csv"));

        Assert.Contains("choose which column holds what", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
    }

    private static CsvColumnMapping UsdMapping { get; } = new() { DateColumn = 0, DescriptionColumns = [1], AmountColumn = 2, DefaultCurrency = Currency.Usd };

    /// <summary>An upload that never ends, counting what it served.</summary>
    private sealed class EndlessStream : Stream
    {
        public long Served { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Served; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)'a', offset, count);
            Served += count;
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
