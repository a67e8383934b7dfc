using PaymentsPortal.Core.Banking.Reconciliation;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Payouts;

namespace PaymentsPortal.Tests.Unit.Banking.Reconciliation;

[Trait("Tier", "Unit")]
public sealed class PayoutMatcherTests
{
    private static readonly ReconciliationOptions Options = new();
    private static readonly DateOnly Arrival = new(2026, 11, 10);

    [Fact]
    public void Plan_OneDepositOfTheSameAmountInTheWindow_IsCertain()
    {
        var payout = Payout(125_000);
        var deposit = Deposit(125_000, Arrival.AddDays(1));

        var plan = PayoutMatcher.Plan([payout], [deposit, Deposit(99_00, Arrival)], Options);

        Assert.Equal((payout.Id, deposit.Id), Assert.Single(plan.Certain) is var (p, d) ? (p.Id, d.Id) : default);
        Assert.Empty(plan.Ambiguous);
        Assert.Empty(plan.Unmatched);
    }

    [Theory]
    [InlineData(-2, true)]
    [InlineData(-3, false)]
    [InlineData(4, true)]
    [InlineData(5, false)]
    public void Plan_TheWindowsEdges_AreInclusive(int days, bool matches)
    {
        var plan = PayoutMatcher.Plan([Payout(5_000)], [Deposit(5_000, Arrival.AddDays(days))], Options);

        Assert.Equal(matches, plan.Certain.Count == 1);
    }

    [Fact]
    public void Plan_TwoPayoutsAndTwoDepositsOfOneAmount_AreOneAmbiguousGroupNotAGuess()
    {
        var first = Payout(50_000);
        var second = Payout(50_000, Arrival.AddDays(2));
        var deposits = new[] { Deposit(50_000, Arrival), Deposit(50_000, Arrival.AddDays(2)) };

        var plan = PayoutMatcher.Plan([first, second], deposits, Options);

        Assert.Empty(plan.Certain);
        var group = Assert.Single(plan.Ambiguous);
        Assert.Equal(new[] { first.Id, second.Id }.Order(), group.Payouts.Select(p => p.Id).Order());
        Assert.Equal(deposits.Select(d => d.Id).Order(), group.Deposits.Select(d => d.Id).Order());
    }

    [Fact]
    public void Plan_OnePayoutAndTwoCandidateDeposits_IsAmbiguous()
    {
        var plan = PayoutMatcher.Plan([Payout(7_500)], [Deposit(7_500, Arrival), Deposit(7_500, Arrival.AddDays(1))], Options);

        Assert.Equal((0, 1, 2), (plan.Certain.Count, plan.Ambiguous.Count, plan.Ambiguous[0].Deposits.Count));
    }

    [Fact]
    public void Plan_AnAmountThatDiffersSlightly_IsANearMissSayingByHowMuch()
    {
        var payout = Payout(124_000);
        var deposit = Deposit(123_450, Arrival);

        var miss = Assert.Single(Assert.Single(PayoutMatcher.Plan([payout], [deposit], Options).Unmatched).NearMisses);

        Assert.Equal((MatchDifference.Amount, deposit.Id), (miss.Difference, miss.Deposit.Id));
        Assert.Equal("The deposit is 5.50 USD less than the payout (1234.50 against 1240.00).", miss.Explanation);
    }

    [Fact]
    public void Plan_TheSameAmountOutsideTheWindow_IsANearMissSayingHowManyDaysOff()
    {
        var miss = Assert.Single(Assert.Single(PayoutMatcher.Plan([Payout(8_000)], [Deposit(8_000, Arrival.AddDays(9))], Options).Unmatched).NearMisses);

        Assert.Equal(MatchDifference.Date, miss.Difference);
        Assert.Contains("9 days after the expected arrival 2026-11-10", miss.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_TheSameFiguresInAnotherCurrency_IsANearMissNamingBoth()
    {
        var miss = Assert.Single(Assert.Single(PayoutMatcher.Plan([Payout(8_000)], [Deposit(8_000, Arrival, "EUR")], Options).Unmatched).NearMisses);

        Assert.Equal((MatchDifference.Currency, "The deposit is in EUR; the payout is in USD."), (miss.Difference, miss.Explanation));
    }

    [Fact]
    public void Plan_DepositsFarOff_AreNoNearMisses()
    {
        var unmatched = Assert.Single(PayoutMatcher.Plan(
            [Payout(10_000)],
            [Deposit(10_000, Arrival.AddDays(30)), Deposit(20_000, Arrival), Deposit(10_000, Arrival.AddDays(20), "EUR")],
            Options).Unmatched);

        Assert.Empty(unmatched.NearMisses);
    }

    [Fact]
    public void Plan_ADepositAnotherPayoutIsCertainOf_IsNotOfferedAsANearMiss()
    {
        var matched = Payout(10_000);
        var deposit = Deposit(10_000, Arrival);

        var plan = PayoutMatcher.Plan([matched, Payout(10_100)], [deposit], Options);

        Assert.Single(plan.Certain);
        Assert.Empty(Assert.Single(plan.Unmatched).NearMisses);
    }

    private static ReconcilablePayout Payout(long cents, DateOnly? arrival = null) =>
        new(Guid.NewGuid(), GatewayKind.Stripe, "po_" + Guid.NewGuid().ToString("N")[..8], new Money(cents, Currency.Usd), arrival ?? Arrival, PayoutStatus.Paid);

    private static ReconcilableDeposit Deposit(long cents, DateOnly date, string currency = "USD") =>
        new(Guid.NewGuid(), Guid.Empty, "Checking", date, new Money(cents, Currency.From(currency)), "STRIPE TRANSFER");
}
