using Microsoft.EntityFrameworkCore;
using Npgsql;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Payments.Dashboard;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Payments.Dashboard;

/// <summary>
/// The dashboard's daily totals against PostgreSQL: the numbers are the same whether a day is read rolled up or live,
/// and a payment of a rolled-up day that changes later counts at once (its day is read live until recomputed).
/// </summary>
[Trait("Tier", "Integration")]
public sealed class PaymentDailyStatsTests : IAsyncLifetime
{
    // The trigger compares with the database's clock, so the payments are placed relative to the real time.
    private static readonly DateTimeOffset Today = new(DateTime.UtcNow.Date, TimeSpan.Zero);

    private CoreHost host = default!;
    private Guid coffee;
    private Guid oldPayment;

    public async Task InitializeAsync()
    {
        host = await CoreHost.StartAsync();
        coffee = await host.MerchantIdAsync(DemoData.DemoCoffee);
        await using var db = host.Context(null);
        for (var i = 0; i < 120; i++)
        {
            // Ten days back to today, several payments a day, three currencies, both gateways, some failed over.
            var at = Today.AddDays(-(i % 11)).AddHours(i % 23).AddMinutes(i);
            var currency = (i % 3) switch { 0 => Currency.Usd, 1 => Currency.Eur, _ => Currency.Jpy };
            var (payment, _) = Payment.Create(coffee, new Money(500 + (i * 37), currency), new PaymentToken(GatewayKind.Stripe, $"pm_{i}"), true,
                $"Daily {i}", null, at, "test");
            payment.MoveTo(PaymentStatus.Processing, at, "test");
            if (i % 5 == 0)
            {
                payment.MoveTo(PaymentStatus.Failed, at, "test");
            }
            else if (i % 7 != 0)
            {
                payment.Gateway = i % 4 == 0 ? GatewayKind.Braintree : GatewayKind.Stripe;
                payment.FailedOver = i % 4 == 0;
                payment.CapturedMinor = payment.AmountMinor;
                payment.MoveTo(PaymentStatus.Succeeded, at, "test");
            }

            if (i == 12)
            {
                oldPayment = payment.Id;
            }

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
    public async Task Stats_AreTheSameRolledUpAsLive_ForWholeAndPartialPeriods()
    {
        var periods = new[]
        {
            (From: Today.AddDays(-30), To: Today.AddDays(1)),
            (From: Today.AddDays(-6), To: Today.AddDays(1)),
            (From: Today.AddDays(-5).AddHours(7), To: Today.AddHours(13)),
        };
        var live = new List<string>();
        foreach (var (from, to) in periods)
        {
            live.Add(Describe(await StatsAsync(from, to)));
        }

        var written = await host.Service<PaymentDailyStatsRollup>().RollAsync(coffee);

        Assert.InRange(written, 9, 10);
        for (var i = 0; i < periods.Length; i++)
        {
            Assert.Equal(live[i], Describe(await StatsAsync(periods[i].From, periods[i].To)));
        }
    }

    [Fact]
    public async Task OldPaymentRefundedAfterItsDayWasRolledUp_CountsAtOnce_AndAfterTheNextRun()
    {
        var rollup = host.Service<PaymentDailyStatsRollup>();
        await rollup.RollAsync(coffee);
        var before = await StatsAsync(Today.AddDays(-30), Today.AddDays(1));

        await using (var db = host.Context(coffee))
        {
            var payment = await db.Payments.SingleAsync(p => p.Id == oldPayment);
            payment.RefundedMinor = payment.CapturedMinor;
            payment.MoveTo(PaymentStatus.Refunded, DateTimeOffset.UtcNow, "test");
            await db.SaveChangesAsync();
        }

        Assert.Equal([DateOnly.FromDateTime(Today.AddDays(-1).UtcDateTime)], await DirtyDaysAsync());
        var refunded = (await StatsAsync(Today.AddDays(-30), Today.AddDays(1))).ByCurrency.Sum(c => c.RefundedMinor);
        Assert.True(refunded > before.ByCurrency.Sum(c => c.RefundedMinor));

        await rollup.RollAsync(coffee);

        Assert.Empty(await DirtyDaysAsync());
        Assert.Equal(refunded, (await StatsAsync(Today.AddDays(-30), Today.AddDays(1))).ByCurrency.Sum(c => c.RefundedMinor));
    }

    [Fact]
    public async Task RollingTwice_WritesTheSameTotals()
    {
        var rollup = host.Service<PaymentDailyStatsRollup>();
        await rollup.RollAsync(coffee);
        var first = await TotalsAsync();

        await rollup.RollAsync(coffee);

        Assert.Equal(first, await TotalsAsync());
    }

    private Task<DashboardStats> StatsAsync(DateTimeOffset from, DateTimeOffset to) => host.Service<DashboardQueries>().StatsAsync(coffee, from, to);

    private static string Describe(DashboardStats stats) => string.Join(" | ",
        $"{stats.Payments} {stats.Succeeded} {stats.Failed} {stats.FailedOver}",
        string.Join(";", stats.ByCurrency.Select(c => $"{c.Currency.Code} {c.GrossMinor} {c.RefundedMinor} {c.SucceededCount}")),
        string.Join(";", stats.Volume.Select(v => $"{v.Day:yyyy-MM-dd} {v.Currency.Code} {v.CapturedMinor} {v.Count}")),
        string.Join(";", stats.ByGateway.Select(g => $"{g.Gateway} {g.Succeeded} {g.Failed} {g.Open}")));

    private async Task<List<DateOnly>> DirtyDaysAsync()
    {
        await using var db = host.Context(coffee);
        return await db.Database.SqlQuery<DateOnly>($"SELECT day AS \"Value\" FROM payment_daily_stats_dirty WHERE merchant_id = {coffee}").ToListAsync();
    }

    private async Task<string> TotalsAsync()
    {
        await using var connection = new NpgsqlConnection(host.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT string_agg(concat_ws(' ', day, currency_code, gateway, status, payments, captured_minor, refunded_minor, failed_over), ';' ORDER BY day, currency_code, gateway, status) FROM payment_daily_stats",
            connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
