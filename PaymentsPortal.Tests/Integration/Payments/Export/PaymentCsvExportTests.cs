using System.Text;
using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Payments.Export;
using PaymentsPortal.Core.Payments.Search;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Payments.Export;

/// <summary>
/// The CSV export against PostgreSQL: more rows than one keyset page, in the list's order, defused cells, one download
/// per export, progress recorded, and the request audited before any row leaves.
/// </summary>
[Trait("Tier", "Integration")]
public sealed class PaymentCsvExportTests : IAsyncLifetime
{
    private const int Seeded = PaymentCsvExport.PageSize * 2 + 345;
    private static readonly DateTimeOffset Start = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);

    private CoreHost host = default!;
    private Guid coffee;

    public async Task InitializeAsync()
    {
        host = await CoreHost.StartAsync();
        coffee = await host.MerchantIdAsync(DemoData.DemoCoffee);
        await using var db = host.Context(null);
        for (var i = 0; i < Seeded; i++)
        {
            // Every hundredth description starts like a spreadsheet formula; every seventh payment is in JPY.
            var currency = i % 7 == 0 ? Currency.Jpy : Currency.Usd;
            var description = i % 100 == 0 ? $"=HYPERLINK(\"http://evil.example/{i}\")" : $"Order #{i}, blue mug";
            var (payment, _) = Payment.Create(coffee, new Money(1000 + i, currency), new PaymentToken(GatewayKind.Stripe, $"pm_{i}"), true,
                description, $"Customer{i % 10}@Example.com", Start.AddMinutes(i), "test");
            payment.MoveTo(PaymentStatus.Processing, Start.AddMinutes(i), "test");
            payment.MoveTo(i % 4 == 0 ? PaymentStatus.Failed : PaymentStatus.Succeeded, Start.AddMinutes(i), "test");
            db.Payments.Add(payment);
        }

        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await host.Services.DisposeAsync();
        await TestPostgres.DropDatabaseAsync(host.Database.Name);
    }

    [Fact]
    public async Task Export_WritesEveryMatchingPaymentOnceInTheListsOrder_AcrossPages()
    {
        var (export, csv) = await ExportAsync("operator@demo.local", new PaymentFilter(Statuses: [PaymentStatus.Succeeded]), PaymentSort.NewestFirst);

        var lines = Lines(csv);
        Assert.Equal(PaymentCsvRowHeader, lines[0]);
        var expected = Enumerable.Range(0, Seeded).Where(i => i % 4 != 0).Reverse().ToList();
        Assert.Equal(expected.Count, lines.Count - 1);
        Assert.Equal(expected.Select(i => Start.AddMinutes(i).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)),
            lines.Skip(1).Select(l => l.Split(',')[1]));
        Assert.Equal(PaymentExportStatus.Completed, export.Status);
        Assert.Equal(expected.Count, export.ExpectedRows);
        Assert.Equal(expected.Count, export.RowsWritten);
        Assert.NotNull(export.FinishedAt);
    }

    [Fact]
    public async Task Export_WritesAmountsInTheCurrencysOwnDecimalsAndInMinorUnits()
    {
        var (_, csv) = await ExportAsync("operator@demo.local", new PaymentFilter(Text: "Order #7,"), PaymentSort.NewestFirst);

        // Payment 7 is JPY (no decimals): 1007 yen; payment 1 is USD: 10.01 dollars.
        var row = Assert.Single(Lines(csv).Skip(1));
        Assert.Contains(",1007,JPY,1007,", row, StringComparison.Ordinal);
        var (_, usd) = await ExportAsync("operator@demo.local", new PaymentFilter(Text: "Order #1,"), PaymentSort.NewestFirst);
        Assert.Contains(",10.01,USD,1001,", Assert.Single(Lines(usd).Skip(1)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_DefusesFormulasAndQuotesCellsWithCommas()
    {
        var (_, csv) = await ExportAsync("operator@demo.local", new PaymentFilter(Text: "HYPERLINK"), PaymentSort.OldestFirst);

        var rows = Lines(csv).Skip(1).ToList();
        Assert.Equal(Enumerable.Range(0, Seeded).Count(i => i % 100 == 0), rows.Count);
        Assert.All(rows, r => Assert.EndsWith(",\"'=HYPERLINK(\"\"http://evil.example/" + r.Split('/')[^1], r, StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => r.Contains(",=HYPERLINK", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Export_WithoutCustomerDataAtDownload_MasksEveryEmail()
    {
        var access = await host.ResolveAsync("operator@demo.local", coffee);
        var issued = (await host.Service<PaymentExports>().RequestAsync(access, new PaymentFilter(CustomerEmail: "customer3@example.com"), PaymentSort.NewestFirst)).Value!;
        var csv = host.Service<PaymentCsvExport>();
        var claimed = await csv.ClaimAsync(coffee, issued.Id, issued.RequestedBy, showEmails: false);
        using var output = new MemoryStream();
        await csv.WriteAsync(claimed!, output);

        var rows = Lines(Encoding.UTF8.GetString(output.ToArray())).Skip(1).ToList();
        Assert.Equal(Enumerable.Range(0, Seeded).Count(i => i % 10 == 3), rows.Count);
        Assert.All(rows, r => Assert.Contains(",C•••@Example.com,", r, StringComparison.Ordinal));
        Assert.True((await host.Service<PaymentExports>().FindAsync(coffee, issued.Id))!.EmailsMasked);
    }

    [Fact]
    public async Task Claim_IsGoodForOneDownload_ByTheRequesterOnly()
    {
        var access = await host.ResolveAsync("operator@demo.local", coffee);
        var issued = (await host.Service<PaymentExports>().RequestAsync(access, PaymentFilter.None, PaymentSort.NewestFirst)).Value!;
        var csv = host.Service<PaymentCsvExport>();
        var admin = await host.UserAsync("admin@demo.local");

        Assert.Null(await csv.ClaimAsync(coffee, issued.Id, admin.Id, showEmails: true));
        Assert.NotNull(await csv.ClaimAsync(coffee, issued.Id, issued.RequestedBy, showEmails: true));
        Assert.Null(await csv.ClaimAsync(coffee, issued.Id, issued.RequestedBy, showEmails: true));
    }

    [Fact]
    public async Task Request_IsAuditedWithTheFilter_AndRefusedToARoleWithoutExport()
    {
        var refused = await host.Service<PaymentExports>().RequestAsync(await host.ResolveAsync("support@demo.local", coffee), PaymentFilter.None, PaymentSort.NewestFirst);
        Assert.False(refused.Succeeded);
        Assert.Equal("Your role cannot export payments.", refused.Error);

        var issued = (await host.Service<PaymentExports>().RequestAsync(await host.ResolveAsync("compliance@demo.local", coffee),
            new PaymentFilter(Currency: "JPY"), PaymentSort.LargestFirst)).Value!;
        await using var db = host.Context(coffee);
        var entry = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.TargetType == PaymentExports.TargetType && e.TargetId == issued.Id.ToString());
        Assert.Equal(AuditAction.PaymentsExported, entry.Action);
        Assert.Equal(AuditOutcome.Success, entry.Outcome);
        Assert.Contains("\"currency\":\"JPY\"", entry.Details, StringComparison.Ordinal);
        Assert.Contains("LargestFirst", entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Download_DroppedMidway_IsRecordedAsAbandoned()
    {
        var access = await host.ResolveAsync("operator@demo.local", coffee);
        var issued = (await host.Service<PaymentExports>().RequestAsync(access, PaymentFilter.None, PaymentSort.NewestFirst)).Value!;
        var csv = host.Service<PaymentCsvExport>();
        var claimed = await csv.ClaimAsync(coffee, issued.Id, issued.RequestedBy, showEmails: true);
        using var cancel = new CancellationTokenSource();
        await using var output = new CancelAfterFirstWrite(cancel);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => csv.WriteAsync(claimed!, output, cancel.Token));

        var ended = (await host.Service<PaymentExports>().FindAsync(coffee, issued.Id))!;
        Assert.Equal(PaymentExportStatus.Abandoned, ended.Status);
        Assert.True(ended.RowsWritten < Seeded);
    }

    private const string PaymentCsvRowHeader =
        "payment_id,created_at,status,amount,currency,amount_minor,captured_minor,refunded_minor,gateway,gateway_reference,failed_over,card_brand,card_last4,customer_email,description";

    private async Task<(PaymentExport Export, string Csv)> ExportAsync(string email, PaymentFilter filter, PaymentSort sort)
    {
        var access = await host.ResolveAsync(email, coffee);
        var requested = await host.Service<PaymentExports>().RequestAsync(access, filter, sort);
        Assert.True(requested.Succeeded, requested.Error);
        var csv = host.Service<PaymentCsvExport>();
        var claimed = await csv.ClaimAsync(coffee, requested.Value!.Id, access.UserId!.Value, showEmails: true);
        using var output = new MemoryStream();
        await csv.WriteAsync(claimed!, output);
        return ((await host.Service<PaymentExports>().FindAsync(coffee, claimed!.Id))!, Encoding.UTF8.GetString(output.ToArray()));
    }

    // Splits on line ends outside quotes is not needed: no seeded value contains a line break.
    private static List<string> Lines(string csv) => [.. csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).SelectMany(l => l.Split('\n', StringSplitOptions.RemoveEmptyEntries))];

    /// <summary>A download whose browser goes away after the first page arrives.</summary>
    private sealed class CancelAfterFirstWrite(CancellationTokenSource cancel) : MemoryStream
    {
        public override async Task FlushAsync(CancellationToken cancellationToken)
        {
            await base.FlushAsync(cancellationToken);
            await cancel.CancelAsync();
        }
    }
}
