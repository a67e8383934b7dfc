using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Payments.Search;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Payments.Search;

/// <summary>The payments list's search against PostgreSQL: keyset pages in every order, both ways, and each filter.</summary>
[Trait("Tier", "Integration")]
public sealed class PaymentSearchTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly List<Payment> seeded = [];
    private CoreHost host = default!;
    private Guid coffee;
    private Guid northwind;

    public async Task InitializeAsync()
    {
        host = await CoreHost.StartAsync();
        coffee = await host.MerchantIdAsync(DemoData.DemoCoffee);
        northwind = await host.MerchantIdAsync(DemoData.Northwind);
        await using var db = host.Context(null);
        for (var i = 0; i < 25; i++)
        {
            // Payments 10 and 11 share a creation time, and amounts repeat every 7: the id must break those ties.
            var at = Start.AddMinutes(i == 11 ? 10 : i);
            var currency = i % 5 == 0 ? Currency.Eur : Currency.Usd;
            var (payment, _) = Payment.Create(coffee, new Money(100 * ((i % 7) + 1), currency), new PaymentToken(GatewayKind.Stripe, $"pm_{i}"),
                captureImmediately: true, i == 7 ? "Order #7, 100%_off" : $"Order #{i}", $"Customer{i % 4}@Example.com", at, "test");
            payment.CardLast4 = i % 2 == 0 ? "4242" : "0005";
            payment.MoveTo(PaymentStatus.Processing, at, "test");
            if (i % 3 == 0)
            {
                payment.Gateway = i % 2 == 0 ? GatewayKind.Stripe : GatewayKind.Braintree;
                payment.GatewayReference = $"ref_{i}";
                payment.MoveTo(PaymentStatus.Succeeded, at, "test");
            }
            else if (i % 3 == 1)
            {
                payment.MoveTo(PaymentStatus.Failed, at, "test");
            }

            seeded.Add(payment);
            db.Payments.Add(payment);
        }

        var (elsewhere, _) = Payment.Create(northwind, new Money(300, Currency.Usd), new PaymentToken(GatewayKind.Stripe, "pm_nw"), true,
            "Order #3", "customer3@example.com", Start, "test");
        db.Payments.Add(elsewhere);
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await host.Services.DisposeAsync();
        await TestPostgres.DropDatabaseAsync(host.Database.Name);
    }

    [Theory]
    [InlineData(PaymentSort.NewestFirst)]
    [InlineData(PaymentSort.OldestFirst)]
    [InlineData(PaymentSort.LargestFirst)]
    [InlineData(PaymentSort.SmallestFirst)]
    public async Task Paging_VisitsEveryPaymentOnceInOrder_ForwardsAndBack(PaymentSort sort)
    {
        var search = host.Service<PaymentSearch>();
        var forward = new List<PaymentPage>();
        PaymentCursor? next = null;
        do
        {
            var page = await search.PageAsync(coffee, PaymentFilter.None, sort, size: 4, after: next);
            forward.Add(page);
            next = page.Next;
        }
        while (next is not null);

        Assert.Equal(Expected(sort), forward.SelectMany(p => p.Rows).Select(r => r.Id));
        Assert.Equal([4, 4, 4, 4, 4, 4, 1], forward.Select(p => p.Rows.Count));
        Assert.Null(forward[0].Previous);

        // Back from the last page, each page is the same as it was on the way forward.
        var previous = forward[^1].Previous;
        for (var index = forward.Count - 2; index >= 0; index--)
        {
            var page = await search.PageAsync(coffee, PaymentFilter.None, sort, size: 4, before: previous);
            Assert.Equal(forward[index].Rows.Select(r => r.Id), page.Rows.Select(r => r.Id));
            previous = page.Previous;
        }

        Assert.Null(previous);
    }

    [Fact]
    public async Task Filters_NarrowTogether_AndTextIsMatchedLiterally()
    {
        Assert.Equal(Ids(p => p.Status == PaymentStatus.Succeeded && p.CurrencyCode == "EUR"),
            await FindAsync(new PaymentFilter(Statuses: [PaymentStatus.Succeeded], Currency: "eur")));
        Assert.Equal(Ids(p => p.AmountMinor is >= 200 and <= 300 && p.CardLast4 == "0005"),
            await FindAsync(new PaymentFilter(MinimumAmount: 200, MaximumAmount: 300, CardLast4: "0005")));
        Assert.Equal(Ids(p => p.Gateway == GatewayKind.Braintree), await FindAsync(new PaymentFilter(Gateway: GatewayKind.Braintree)));
        Assert.Equal(Ids(p => p.CreatedAt >= Start.AddMinutes(5) && p.CreatedAt < Start.AddMinutes(8)),
            await FindAsync(new PaymentFilter(CreatedFrom: Start.AddMinutes(5), CreatedBefore: Start.AddMinutes(8))));
        Assert.Equal(Ids(p => p.CustomerEmail == "Customer3@Example.com"), await FindAsync(new PaymentFilter(CustomerEmail: "customer3@EXAMPLE.com")));

        Assert.Equal([seeded[7].Id], await FindAsync(new PaymentFilter(Text: "100%_off")));
        Assert.Equal([seeded[7].Id], await FindAsync(new PaymentFilter(Text: "%")));
        Assert.Empty(await FindAsync(new PaymentFilter(CustomerEmail: "customer_@example.com")));
        Assert.Equal([seeded[12].Id], await FindAsync(new PaymentFilter(Text: seeded[12].Id.ToString())));
        Assert.Equal([seeded[9].Id], await FindAsync(new PaymentFilter(Text: "ref_9")));
        Assert.Equal(Ids(p => p.Description!.StartsWith("Order #2", StringComparison.Ordinal)), await FindAsync(new PaymentFilter(Text: " order #2 ")));
    }

    [Fact]
    public async Task AnotherMerchantsPayments_NeverAppear()
    {
        var all = await FindAsync(PaymentFilter.None);
        var orderThree = await FindAsync(new PaymentFilter(Text: "Order #3", CustomerEmail: "customer3@example.com"));

        Assert.Equal(seeded.Count, all.Count);
        Assert.Equal([seeded[3].Id], orderThree);
    }

    [Fact]
    public async Task Cursor_RoundTripsThroughItsText_AndBelongsToOneOrder()
    {
        var page = await host.Service<PaymentSearch>().PageAsync(coffee, PaymentFilter.None, PaymentSort.LargestFirst, size: 3);
        var text = page.Next!.ToString();

        Assert.True(PaymentCursor.TryParse(text, PaymentSort.LargestFirst, out var parsed));
        Assert.Equal(page.Next, parsed);
        Assert.False(PaymentCursor.TryParse(text, PaymentSort.NewestFirst, out _));
        Assert.False(PaymentCursor.TryParse("2.12.not-a-guid", PaymentSort.LargestFirst, out _));
        Assert.False(PaymentCursor.TryParse(null, PaymentSort.LargestFirst, out _));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            host.Service<PaymentSearch>().PageAsync(coffee, PaymentFilter.None, PaymentSort.NewestFirst, size: 3, after: page.Next));
    }

    private async Task<List<Guid>> FindAsync(PaymentFilter filter) =>
        [.. (await host.Service<PaymentSearch>().PageAsync(coffee, filter, PaymentSort.OldestFirst, PaymentSearch.MaxPageSize)).Rows.Select(r => r.Id)];

    // Oldest first, as FindAsync reads them; ties by id as PostgreSQL orders uuids (byte by byte).
    private List<Guid> Ids(Func<Payment, bool> predicate) => Expected(PaymentSort.OldestFirst).Where(id => predicate(seeded.Single(p => p.Id == id))).ToList();

    private List<Guid> Expected(PaymentSort sort)
    {
        var byId = Comparer<Guid>.Create((a, b) => a.ToByteArray(bigEndian: true).AsSpan().SequenceCompareTo(b.ToByteArray(bigEndian: true)));
        IOrderedEnumerable<Payment> ordered = sort switch
        {
            PaymentSort.OldestFirst => seeded.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id, byId),
            PaymentSort.LargestFirst => seeded.OrderByDescending(p => p.AmountMinor).ThenByDescending(p => p.Id, byId),
            PaymentSort.SmallestFirst => seeded.OrderBy(p => p.AmountMinor).ThenBy(p => p.Id, byId),
            _ => seeded.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id, byId),
        };
        return [.. ordered.Select(p => p.Id)];
    }
}
