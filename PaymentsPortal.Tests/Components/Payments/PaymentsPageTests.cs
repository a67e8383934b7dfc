using Bunit;
using PaymentsPortal.Components.Pages.Payments;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Tests.Components.Payments;

/// <summary>The payments list read from its URL, against a real database.</summary>
[Trait("Tier", "Component")]
public sealed class PaymentsPageTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly Dictionary<string, Guid> ids = [];
    private PaymentComponentHost host = default!;

    public async Task InitializeAsync()
    {
        host = await PaymentComponentHost.StartAsync();
        await using var db = host.Core.Context(null);
        // name, amount (minor), currency, status, email, day
        (string Name, long Amount, Currency Currency, PaymentStatus Status, string Email, int Day)[] payments =
        [
            ("latte", 450, Currency.Usd, PaymentStatus.Succeeded, "jane@example.com", 1),
            ("beans", 1999, Currency.Usd, PaymentStatus.Failed, "omar@example.com", 2),
            ("cake", 325, Currency.Usd, PaymentStatus.Canceled, "li@example.com", 3),
            ("mug", 1200, Currency.Eur, PaymentStatus.Failed, "jane@example.com", 4),
            ("tea", 250, Currency.Usd, PaymentStatus.Succeeded, "ana@example.com", 5),
            ("yen", 500, Currency.Jpy, PaymentStatus.Succeeded, "ken@example.com", 6),
            ("scone", 800, Currency.Eur, PaymentStatus.PartiallyRefunded, "mo@example.com", 7),
        ];
        foreach (var (name, amount, currency, status, email, day) in payments)
        {
            var at = Start.AddDays(day);
            var (payment, _) = Payment.Create(host.Coffee, new Money(amount, currency), new PaymentToken(GatewayKind.Stripe, "pm_" + name), true,
                $"Order: {name}", email, at, "test");
            payment.MoveTo(PaymentStatus.Processing, at, "test");
            if (status == PaymentStatus.Canceled)
            {
                payment.MoveTo(PaymentStatus.RequiresAction, at, "test");
            }

            if (status == PaymentStatus.PartiallyRefunded)
            {
                payment.MoveTo(PaymentStatus.Succeeded, at, "test");
                payment.CapturedMinor = amount;
                payment.RefundedMinor = 300;
            }

            payment.MoveTo(status, at, "test");
            payment.CardBrand = "visa";
            payment.CardLast4 = "4242";
            payment.Gateway = GatewayKind.Stripe;
            db.Payments.Add(payment);
            ids[name] = payment.Id;
        }

        var (theirs, _) = Payment.Create(host.Northwind, new Money(1999, Currency.Usd), new PaymentToken(GatewayKind.Stripe, "pm_nw"), true,
            "Order: beans", "omar@example.com", Start, "test");
        db.Payments.Add(theirs);
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public void Render_StatusesAndCurrencyInTheUrl_ListsOnlyThosePaymentsNewestFirst()
    {
        var page = Open("/payments?status=Failed&status=Succeeded&currency=usd", MerchantRole.Admin);

        page.WaitForRead(() => Assert.Equal(Ids("tea", "beans", "latte"), Listed(page)));
        Assert.Equal(["Succeeded", "Failed", "Succeeded"], page.FindAll("[data-test=payment-status]").Select(c => c.GetAttribute("data-status")));
        Assert.Equal(["2.50 USD", "19.99 USD", "4.50 USD"], page.FindAll("[data-test=payment-amount]").Select(c => c.TextContent.Trim()));
    }

    [Fact]
    public void Render_AmountRangeInMajorUnits_IsReadWithTheCurrencysDecimals()
    {
        var page = Open("/payments?currency=USD&min=3.25&max=4.5&sort=smallest", MerchantRole.Operator);

        page.WaitForRead(() => Assert.Equal(Ids("cake", "latte"), Listed(page)));
    }

    [Fact]
    public void Render_LargestFirst_ShowsAmountsInTheirCurrencysDecimalsAndWhatWasRefunded()
    {
        var page = Open("/payments?currency=EUR&sort=largest", MerchantRole.Admin);

        page.WaitForRead(() => Assert.Equal(Ids("mug", "scone"), Listed(page)));
        Assert.Equal(["12.00 EUR", "8.00 EUR"], page.FindAll("[data-test=payment-amount]").Select(c => c.TextContent.Trim()));
        Assert.Equal("refunded 3.00 EUR", page.Find("[data-test=payment-refunded]").TextContent.Trim());

        var yen = Open("/payments?currency=JPY", MerchantRole.Admin);
        yen.WaitForRead(() => Assert.Equal(["500 JPY"], yen.FindAll("[data-test=payment-amount]").Select(c => c.TextContent.Trim())));
    }

    [Fact]
    public void Render_CardEmailAndTextInTheUrl_NarrowTogether()
    {
        var page = Open("/payments?card=4242&email=JANE@example.com&q=mug", MerchantRole.Admin);

        page.WaitForRead(() => Assert.Equal(Ids("mug"), Listed(page)));
        // The filter bar shows what the URL asked for, as written, ready to be changed.
        Assert.Equal(("4242", "JANE@example.com", "mug"), (Field(page, "payments-card"), Field(page, "payments-email"), Field(page, "payments-text")));
    }

    [Fact]
    public void Render_BadValuesInTheUrl_NamesEachAndSearchesNothing()
    {
        var page = Open("/payments?status=Paid&currency=USD&min=1.005&card=42&sort=biggest&size=7&from=2026-13-01", MerchantRole.Admin);

        var problems = page.WaitForElements("[data-test=payments-url-problem]", PaymentComponentHost.ReadTimeout).Select(p => p.TextContent.Trim()).ToList();
        Assert.Equal(
        [
            "Status: 'Paid' is not a payment status.",
            "From date: '2026-13-01' is not a date written as yyyy-MM-dd.",
            "Minimum amount: USD has 2 decimal places at most.",
            "Card: enter the last four digits of the card number.",
            "Order: 'biggest' is not one of newest, oldest, largest, smallest.",
            "Rows per page: '7' is not one of 10, 25, 50, 100.",
        ], problems);
        Assert.Empty(page.FindAll("[data-test=payments-table]"));
    }

    [Fact]
    public void Render_AmountWithoutCurrency_AsksForTheCurrency()
    {
        var page = Open("/payments?min=10", MerchantRole.Admin);

        page.WaitForRead(() => Assert.Contains("Choose a currency to filter by amount",
            page.Find("[data-test=payments-url-problems]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void Render_CursorOfAnotherOrder_IsRefusedWithAMessage()
    {
        var page = Open($"/payments?sort=largest&after=0.{Start.UtcTicks}.{Guid.NewGuid():N}", MerchantRole.Admin);

        page.WaitForRead(() => Assert.Contains("The page link is damaged or belongs to another order",
            page.Find("[data-test=payments-url-problems]").TextContent, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(MerchantRole.Support, "j•••@example.com")]
    [InlineData(MerchantRole.Viewer, "jane@example.com")]
    public void Render_CustomerEmail_IsMaskedWithoutCustomerData(MerchantRole role, string shown)
    {
        var page = Open("/payments?q=latte", role);

        page.WaitForRead(() => Assert.Equal(Ids("latte"), Listed(page)));
        Assert.Equal(shown, page.Find("[data-test=payment-email]").TextContent.Trim());
        Assert.DoesNotContain(role == MerchantRole.Support ? "jane@" : "•••@", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NothingMatches_SaysSo()
    {
        var page = Open("/payments?q=no-such-order", MerchantRole.Admin);

        page.WaitForRead(() => Assert.Equal("No payments match these filters.", page.Find("[data-test=payments-empty]").TextContent.Trim()));
    }

    [Fact]
    public async Task NextAndPrevious_PageByACursorInTheUrl()
    {
        var pounds = await AddPoundPaymentsAsync(25);
        var page = Open("/payments?currency=GBP&size=10&sort=oldest", MerchantRole.Admin);
        page.WaitForRead(() => Assert.Equal(pounds[..10], Listed(page)));
        Assert.True(page.Find("[data-test=payments-previous]").HasAttribute("disabled"));

        page.Find("[data-test=payments-next]").Click();
        page.WaitForRead(() => Assert.Equal(pounds[10..20], Listed(page)));
        Assert.Contains("after=", host.Navigation.Uri, StringComparison.Ordinal);
        Assert.Contains("currency=GBP", host.Navigation.Uri, StringComparison.Ordinal);

        page.Find("[data-test=payments-next]").Click();
        page.WaitForRead(() => Assert.Equal(pounds[20..], Listed(page)));
        Assert.True(page.Find("[data-test=payments-next]").HasAttribute("disabled"));

        page.Find("[data-test=payments-previous]").Click();
        page.WaitForRead(() => Assert.Equal(pounds[10..20], Listed(page)));
        Assert.Contains("before=", host.Navigation.Uri, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(MerchantRole.Admin, true)]
    [InlineData(MerchantRole.Operator, true)]
    [InlineData(MerchantRole.Compliance, true)]
    [InlineData(MerchantRole.Support, false)]
    [InlineData(MerchantRole.Viewer, false)]
    public void ExportButton_IsShownOnlyToRolesThatMayExport(MerchantRole role, bool shown)
    {
        var page = Open("/payments", role);

        page.WaitForRead(() => Assert.NotEmpty(Listed(page)));
        Assert.Equal(shown, page.FindAll("[data-test=payments-export]").Count == 1);
    }

    private IRenderedComponent<PaymentsPage> Open(string url, MerchantRole role)
    {
        host.Navigation.NavigateTo(url);
        return host.Context.Render<PaymentsPage>(p => p.AddCascadingValue(host.AccessAs(role)));
    }

    // Oldest first, one minute apart, after every other payment of the class.
    private async Task<List<Guid>> AddPoundPaymentsAsync(int count)
    {
        await using var db = host.Core.Context(null);
        var added = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var (payment, _) = Payment.Create(host.Coffee, new Money(100 + i, Currency.Gbp), new PaymentToken(GatewayKind.Stripe, $"pm_gbp_{i}"), true,
                $"Pound order {i}", null, Start.AddDays(10).AddMinutes(i), "test");
            db.Payments.Add(payment);
            added.Add(payment.Id);
        }

        await db.SaveChangesAsync();
        return added;
    }

    private static string? Field(IRenderedComponent<PaymentsPage> page, string test) => page.Find($"[data-test={test}]").GetAttribute("value");

    private List<Guid> Ids(params string[] names) => [.. names.Select(n => ids[n])];

    private static List<Guid> Listed(IRenderedComponent<PaymentsPage> page) =>
        [.. page.FindAll("[data-test=payment-link]").Select(a => Guid.Parse(a.GetAttribute("data-payment")!))];
}
