using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Sandbox.Stripe;

// Payouts of the balance to the account's bank account. Runs under the lock.
internal sealed partial class StripeSimulatorState
{
    /// <summary>A standard payout arrives two days after it is made, as in Stripe's test mode for US accounts.</summary>
    private static readonly TimeSpan PayoutTransit = TimeSpan.FromDays(2);

    private static readonly Dictionary<string, string> PayoutFailures = new(StringComparer.Ordinal)
    {
        ["account_closed"] = "The bank account has been closed.",
        ["account_frozen"] = "The bank account has been frozen.",
        ["bank_account_restricted"] = "The bank account has restrictions on either the type, or the number, of payouts allowed.",
        ["could_not_process"] = "The bank could not process this payout.",
        ["declined"] = "The bank has declined this transfer. Please contact the bank before retrying.",
        ["insufficient_funds"] = "Your Stripe account has insufficient funds to cover the payout.",
        ["invalid_account_number"] = "The routing number seems correct, but the account number is invalid.",
        ["no_account"] = "The bank account details on file are probably incorrect. No bank account could be located with those details.",
    };

    private readonly Dictionary<string, StripeTimeline<SimulatedPayout>> payouts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> bankAccounts = new(StringComparer.Ordinal);

    /// <summary>
    /// The account's available balance in a currency, kept simple: captured minus refunded, minus what disputes hold (from
    /// the dispute until it is won), minus payouts that have not failed. Stripe would also take its fees and hold new
    /// charges back for days; the simulator does neither, so everything captured can be paid out at once.
    /// </summary>
    public long Balance(string account, string currency)
    {
        lock (gate)
        {
            return BalanceOf(account, currency);
        }
    }

    // Under the lock.
    private long BalanceOf(string account, string currency)
    {
        var kept = charges.Values
            .Where(charge => charge.Captured && charge.Currency == currency && FindIntent(account, charge.IntentId) is not null)
            .Sum(charge => charge.AmountCaptured - charge.AmountRefunded);
        var disputed = disputes.GetValueOrDefault(account)?.Items.Where(dispute => dispute.Currency == currency && dispute.FundsWithdrawn).Sum(dispute => dispute.Amount) ?? 0;
        var paidOut = payouts.GetValueOrDefault(account)?.Items.Where(payout => payout.Currency == currency && payout.HoldsFunds).Sum(payout => payout.Amount) ?? 0;
        return kept - disputed - paidOut;
    }

    /// <summary>The payout schedule's part: pays the whole balance out, or returns null when there is nothing to pay.</summary>
    public string? PayOut(string account, string currency)
    {
        lock (gate)
        {
            var balance = BalanceOf(account, currency);
            return balance <= 0 ? null : MakePayout(account, balance, currency, automatic: true, "STRIPE PAYOUT", null, new Dictionary<string, string>()).Id;
        }
    }

    /// <summary>POST /v1/payouts: a manual payout of part of the balance. Replies with it as made (pending); it is paid just after.</summary>
    public StripeReply CreatePayout(string account, StripeParameters parameters)
    {
        if (!parameters.TryGetInteger("amount", out var amount, out var invalid))
        {
            return invalid!;
        }

        var currency = parameters["currency"];
        var problem = (amount, currency) switch
        {
            (null, _) => StripeReply.Invalid("parameter_missing", "Missing required param: amount.", "amount"),
            (< 1, _) => StripeReply.Invalid("amount_too_small", "Amount must be at least 1 in the currency's smallest unit.", "amount"),
            (_, null) => StripeReply.Invalid("parameter_missing", "Missing required param: currency.", "currency"),
            _ when !Currency.TryFrom(currency, out _) => StripeReply.Invalid("parameter_invalid_string", $"Invalid currency: {currency}.", "currency"),
            _ => null,
        };
        if (problem is not null)
        {
            return problem;
        }

        currency = currency!.ToLowerInvariant();
        if (amount > BalanceOf(account, currency))
        {
            // Not saved for the key, like a validation error: the same request may succeed once the balance has grown.
            return StripeReply.Invalid(
                "balance_insufficient",
                "You have insufficient funds in your Stripe account for this transfer. Your card balance is too low.",
                "amount");
        }

        var payout = MakePayout(account, amount!.Value, currency, automatic: false, parameters["description"], parameters["statement_descriptor"], parameters.Metadata);
        return StripeReply.Ok(payout.CreatedJson);
    }

    public StripeReply GetPayout(string account, string id) =>
        Read(() => payouts.GetValueOrDefault(account)?.Find(id) is { } payout ? StripeReply.Ok(StripeJson.Payout(payout)) : StripeReply.Missing("payout", id, "payout"));

    public StripeReply ListPayouts(string account, StripeParameters parameters)
    {
        if (!StripeListRequest.TryParse(parameters, out var request, out var invalid))
        {
            return invalid!;
        }

        var status = parameters["status"];
        return Read(() => request.Page(payouts.GetValueOrDefault(account), "payout", payout => status is null || payout.Status == status, StripeJson.Payout, "/v1/payouts"));
    }

    /// <summary>The bank returns a payout (at Stripe this can come after paid): it fails and its money is back in the balance.</summary>
    public bool FailPayout(string account, string id, string failureCode)
    {
        lock (gate)
        {
            if (payouts.GetValueOrDefault(account)?.Find(id) is not { } payout || payout.Status == "failed")
            {
                return false;
            }

            payout.Status = "failed";
            payout.FailureCode = failureCode;
            payout.FailureMessage = PayoutFailures.GetValueOrDefault(failureCode) ?? "The bank could not process this payout.";
            Emit(account, "payout.failed", StripeJson.Payout(payout));
            return true;
        }
    }

    // Test mode pays at once: payout.created (pending) and payout.paid follow each other, each with the payout as it was then.
    private (string Id, System.Text.Json.Nodes.JsonObject CreatedJson) MakePayout(
        string account, long amount, string currency, bool automatic, string? description, string? statementDescriptor, IReadOnlyDictionary<string, string> metadata)
    {
        var created = time.GetUtcNow();
        if (!bankAccounts.TryGetValue(account, out var bankAccount))
        {
            bankAccounts[account] = bankAccount = NewId("ba");
        }

        var payout = new SimulatedPayout
        {
            Id = NewId("po"),
            Amount = amount,
            Currency = currency,
            Created = created.ToUnixTimeSeconds(),
            Sequence = NextSequence(),
            ArrivalDate = (created + PayoutTransit).ToUnixTimeSeconds(),
            Automatic = automatic,
            Destination = bankAccount,
            Description = description,
            StatementDescriptor = statementDescriptor,
            Metadata = metadata,
        };
        if (!payouts.TryGetValue(account, out var timeline))
        {
            payouts[account] = timeline = new StripeTimeline<SimulatedPayout>();
        }

        timeline.Add(payout);
        var createdJson = StripeJson.Payout(payout);
        Emit(account, "payout.created", StripeJson.Payout(payout));
        payout.Status = "paid";
        Emit(account, "payout.paid", StripeJson.Payout(payout));
        return (payout.Id, createdJson);
    }
}
