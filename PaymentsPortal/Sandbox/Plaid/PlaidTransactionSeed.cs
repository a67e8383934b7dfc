using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Sandbox.Plaid;

/// <summary>
/// A new Item's history as its change log: about 90 days of a small merchant's bank activity, the same for the same seed. Payouts
/// come in as STRIPE TRANSFER and BRAINTREE DEPOSIT (negative amounts: money in), bills and card spending go out, and card
/// purchases are first pending and then post, as a bank reports them: the pending one is removed and a posted one carrying
/// pending_transaction_id is added. Purchases of the last two days are still pending.
/// </summary>
internal sealed class PlaidTransactionSeed
{
    private readonly PlaidDice dice;
    private readonly PlaidSeededValues ids;
    private readonly DateOnly today;
    private readonly List<(DateOnly At, PlaidChange Change)> changes = [];

    private PlaidTransactionSeed(PlaidDice dice, PlaidSeededValues ids, DateOnly today)
    {
        this.dice = dice;
        this.ids = ids;
        this.today = today;
    }

    public static IReadOnlyList<PlaidChange> History(PlaidDice dice, PlaidSeededValues ids, string? checkingId, string? savingsId, DateOnly today, int days)
    {
        var seed = new PlaidTransactionSeed(dice, ids, today);
        for (var day = today.AddDays(1 - days); day <= today; day = day.AddDays(1))
        {
            if (checkingId is not null)
            {
                seed.CheckingDay(checkingId, savingsId, day);
            }

            if (savingsId is not null && day.AddDays(1).Day == 1)
            {
                seed.Posted(savingsId, day, -seed.Cents(1, 9), "INTEREST PAYMENT", null, "INCOME", "INCOME_INTEREST_EARNED");
            }
        }

        // Stable: changes of one day keep the order they were made in.
        return [.. seed.changes.Select((c, i) => (c, i)).OrderBy(x => x.c.At).ThenBy(x => x.i).Select(x => x.c.Change)];
    }

    private void CheckingDay(string account, string? savings, DateOnly day)
    {
        var weekday = day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
        if (weekday && dice.Chance(0.6))
        {
            Deposit(account, day, "STRIPE TRANSFER", "Stripe", "STRIPE", "ST-", Cents(300, 4200));
        }

        if (day.DayOfWeek is DayOfWeek.Tuesday or DayOfWeek.Friday)
        {
            Deposit(account, day, "BRAINTREE DEPOSIT", "Braintree", "BRAINTREE", "BT-", Cents(200, 2500));
        }

        switch (day.Day)
        {
            case 1:
                Posted(account, day, 325_000, "PLATYPUS PROPERTIES LEASE", null, "RENT_AND_UTILITIES", "RENT_AND_UTILITIES_RENT");
                Posted(account, day, Cents(4800, 6200), "GUSTO PAYROLL", "Gusto", "GENERAL_SERVICES", "GENERAL_SERVICES_OTHER_GENERAL_SERVICES");
                break;
            case 3:
                Posted(account, day, Cents(180, 420), "AMAZON WEB SERVICES AWS.AMAZON.CO", "Amazon Web Services", "GENERAL_SERVICES", "GENERAL_SERVICES_OTHER_GENERAL_SERVICES", "online");
                break;
            case 7:
                Posted(account, day, 7_200, "GOOGLE *WORKSPACE", "Google Workspace", "GENERAL_SERVICES", "GENERAL_SERVICES_OTHER_GENERAL_SERVICES", "online");
                break;
            case 12:
                Posted(account, day, 8_750, "SLACK T0123ABC", "Slack", "GENERAL_SERVICES", "GENERAL_SERVICES_OTHER_GENERAL_SERVICES", "online");
                break;
            case 15:
                Posted(account, day, Cents(4800, 6200), "GUSTO PAYROLL", "Gusto", "GENERAL_SERVICES", "GENERAL_SERVICES_OTHER_GENERAL_SERVICES");
                break;
            case 20 when savings is not null:
                Posted(account, day, 100_000, "TRANSFER TO SAVINGS", null, "TRANSFER_OUT", "TRANSFER_OUT_SAVINGS");
                Posted(savings, day, -100_000, "TRANSFER FROM CHECKING", null, "TRANSFER_IN", "TRANSFER_IN_SAVINGS");
                break;
            case 28:
                Posted(account, day, 1_500, "MONTHLY MAINTENANCE FEE", null, "BANK_FEES", "BANK_FEES_OTHER_BANK_FEES");
                break;
        }

        if (dice.Chance(0.5))
        {
            Card(account, day, Cents(4, 18), "STARBUCKS STORE 04512", "Starbucks", "in store", "FOOD_AND_DRINK", "FOOD_AND_DRINK_COFFEE");
        }

        if (dice.Chance(0.25))
        {
            Card(account, day, Cents(12, 48), "UBER *TRIP HELP.UBER.COM", "Uber", "online", "TRANSPORTATION", "TRANSPORTATION_TAXIS_AND_RIDE_SHARES");
        }

        if (day.DayOfWeek == DayOfWeek.Wednesday && dice.Chance(0.7))
        {
            Card(account, day, Cents(20, 150), "STAPLES 00123", "Staples", "in store", "GENERAL_MERCHANDISE", "GENERAL_MERCHANDISE_OFFICE_SUPPLIES");
        }
    }

    // A payout lands as an ACH credit the same day; today's is still pending at the bank.
    private void Deposit(string account, DateOnly day, string name, string merchant, string payer, string referencePrefix, long cents)
    {
        var reference = referencePrefix + ids.NextId("reference")[..12].ToUpperInvariant();
        var transaction = new PlaidSimulatedTransaction(ids.NextId("transaction"), account, Usd(-cents), day, day, name, merchant, day == today, null,
            "other", "TRANSFER_IN", "TRANSFER_IN_DEPOSIT", payer, reference);
        changes.Add((day, PlaidChange.Added(transaction)));
    }

    private void Posted(string account, DateOnly day, long cents, string name, string? merchant, string primary, string detailed, string channel = "other") =>
        changes.Add((day, PlaidChange.Added(new PlaidSimulatedTransaction(ids.NextId("transaction"), account, Usd(cents), day, day, name, merchant, false, null,
            channel, primary, detailed))));

    // Authorized on the day, posted one or two days later: the pending transaction is replaced by the posted one.
    private void Card(string account, DateOnly day, long cents, string name, string merchant, string channel, string primary, string detailed)
    {
        var pending = new PlaidSimulatedTransaction(ids.NextId("transaction"), account, Usd(cents), day, day, name, merchant, true, null, channel, primary, detailed);
        changes.Add((day, PlaidChange.Added(pending)));
        var posted = day.AddDays(dice.Next(1, 3));
        if (posted > today.AddDays(-1))
        {
            return;
        }

        changes.Add((posted, PlaidChange.Removed(pending)));
        changes.Add((posted, PlaidChange.Added(pending with
        {
            TransactionId = ids.NextId("transaction"),
            Date = posted,
            Pending = false,
            PendingTransactionId = pending.TransactionId,
        })));
    }

    private long Cents(int minDollars, int maxDollars) => dice.Next(minDollars * 100, maxDollars * 100);

    private static Money Usd(long cents) => new(cents, Currency.Usd);
}
