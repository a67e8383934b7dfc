using System.Globalization;
using System.Runtime.CompilerServices;
using PaymentsPortal.Core.Gateways.Braintree;
using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Core.Gateways.Sync;

/// <summary>
/// Braintree has no event log, so its feed asks Braintree's GraphQL search what changed (reads only) and writes each finding as the
/// notification Braintree's webhook would have carried: transactions that settled since then (searched by statusTransition.settledAt),
/// transactions whose settlement was declined (Braintree's search has no settlement-declined time, so by status and creation time, a
/// <see cref="SettlementDeclinedLookback"/> further back), and disputes with a status event since then (by effectiveDate, a day). A
/// finding's event id is the one a webhook of the same change gets (<see cref="Webhooks.Inbound.Braintree.BraintreeEventIds"/>):
/// reading the same state again, or reading back a notification that did arrive, is stored once, and a new state is a new event.
/// Refunds that settled are read too (Braintree's refund search, by the same settlement time) and written as settled credits.
/// Disbursements (payouts) have no object in the GraphQL API: the sales and refunds with a disbursement day since then are summed per
/// merchant account and day, and each sum is written as the disbursement notification of that day. They are read last, so an account
/// not enabled for disbursement searches still has everything else stored before the run reports the refusal.
/// </summary>
public sealed class BraintreeActivityFeed(IHttpClientFactory httpClients) : IGatewayActivityFeed
{
    public const string HttpClientName = "BraintreeSync";

    /// <summary>
    /// How long after a transaction was made its settlement may still be declined. Card settlements are declined within a day or two;
    /// bank (ACH) transfers up to about a week; the margin makes up for a sync that was off for a while.
    /// </summary>
    public static readonly TimeSpan SettlementDeclinedLookback = TimeSpan.FromDays(14);

    private const string Settled = "transaction_settled";
    private const string SettlementDeclined = "transaction_settlement_declined";
    private const string Disbursement = "disbursement";
    private const string ProductionHost = "payments.braintree-api.com";

    /// <summary>Braintree's dispute statuses and the notification kind it sends when a dispute reaches each.</summary>
    private static readonly Dictionary<string, string> DisputeKinds = new(StringComparer.Ordinal)
    {
        ["OPEN"] = "dispute_opened",
        ["DISPUTED"] = "dispute_disputed",
        ["UNDER_REVIEW"] = "dispute_under_review",
        ["WON"] = "dispute_won",
        ["LOST"] = "dispute_lost",
        ["ACCEPTED"] = "dispute_accepted",
        ["AUTO_ACCEPTED"] = "dispute_auto_accepted",
        ["EXPIRED"] = "dispute_expired",
    };

    /// <summary>Objects asked for per call; Braintree allows up to 50.</summary>
    public int PageSize { get; init; } = 50;

    public GatewayKind Kind => GatewayKind.Braintree;

    public async IAsyncEnumerable<GatewayActivity> ReadAsync(
        GatewayConnection connection, DateTimeOffset since, IReadOnlyCollection<string> eventTypes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(eventTypes);
        var client = new BraintreeGraphQLClient(httpClients.CreateClient(HttpClientName), connection);
        var livemode = string.Equals(connection.BaseAddress.Host, ProductionHost, StringComparison.OrdinalIgnoreCase);
        if (eventTypes.Contains(Settled))
        {
            var input = new { statusTransition = new { settledAt = new { greaterThanOrEqualTo = since } } };
            await foreach (var node in TransactionsAsync(client, input, cancellationToken).ConfigureAwait(false))
            {
                if (TransactionActivity(node, Settled, "SETTLED", livemode) is { } activity)
                {
                    yield return activity;
                }
            }

            // Refunds are searched apart (the transaction search lists sales); a settled one is notified as a settled credit.
            await foreach (var node in PagesAsync(client, BraintreeOperations.SearchRefundsForSync, input, s => s.Refunds, "refund", cancellationToken).ConfigureAwait(false))
            {
                if (TransactionActivity(node, Settled, "SETTLED", livemode, "credit") is { } activity)
                {
                    yield return activity;
                }
            }
        }

        if (eventTypes.Contains(SettlementDeclined))
        {
            var input = new { status = new { @in = new[] { "SETTLEMENT_DECLINED" } }, createdAt = new { greaterThanOrEqualTo = since - SettlementDeclinedLookback } };
            await foreach (var node in TransactionsAsync(client, input, cancellationToken).ConfigureAwait(false))
            {
                if (TransactionActivity(node, SettlementDeclined, "SETTLEMENT_DECLINED", livemode) is { } activity)
                {
                    yield return activity;
                }
            }
        }

        if (DisputeKinds.Values.Any(eventTypes.Contains))
        {
            var input = new { effectiveDate = new { greaterThanOrEqualTo = FirstDay(since) } };
            await foreach (var node in DisputesAsync(client, input, cancellationToken).ConfigureAwait(false))
            {
                if (DisputeActivity(node, livemode) is { } activity && eventTypes.Contains(activity.EventType))
                {
                    yield return activity;
                }
            }
        }

        if (eventTypes.Contains(Disbursement))
        {
            await foreach (var activity in DisbursementsAsync(client, since, livemode, cancellationToken).ConfigureAwait(false))
            {
                yield return activity;
            }
        }
    }

    // Braintree disburses a merchant account once a day: its sales of that day less its refunds of that day are the payout. A day's sum is
    // dated at the start of the day, so the webhook Braintree sent during it (newer) is what the payout keeps when the two disagree. A
    // day that nets to nothing or less paid nothing into the bank (Braintree debits the merchant instead), so it is no payout.
    private async IAsyncEnumerable<GatewayActivity> DisbursementsAsync(
        BraintreeGraphQLClient client, DateTimeOffset since, bool livemode, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var input = new { disbursementDate = new { greaterThanOrEqualTo = FirstDay(since) } };
        var days = new SortedDictionary<(string Account, DateOnly Day, string Currency), DisbursedDay>();
        await foreach (var node in PagesAsync(client, BraintreeOperations.SearchDisbursedTransactionsForSync, input, s => s.Transactions, "disbursed transaction", cancellationToken)
            .ConfigureAwait(false))
        {
            AddTo(days, node, refund: false);
        }

        await foreach (var node in PagesAsync(client, BraintreeOperations.SearchDisbursedRefundsForSync, input, s => s.Refunds, "disbursed refund", cancellationToken)
            .ConfigureAwait(false))
        {
            AddTo(days, node, refund: true);
        }

        foreach (var ((account, day, _), disbursed) in days)
        {
            if (disbursed.Total.IsPositive)
            {
                var at = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                yield return new GatewayActivity(
                    Webhooks.Inbound.Braintree.BraintreeEventIds.ForDisbursement(account, day, disbursed.Total), Disbursement, livemode, at,
                    BraintreeNotificationXml.Disbursement(at, account, day, disbursed.Total, disbursed.LegacyIds));
            }
        }
    }

    // Held funds were not paid out, whatever day they carry.
    private static void AddTo(SortedDictionary<(string Account, DateOnly Day, string Currency), DisbursedDay> days, TransactionNode node, bool refund)
    {
        if (node is not { LegacyId: { } legacyId, MerchantAccountId: { } account, DisbursementDetails: { FundsHeld: not true } details }
            || Day(details.Date) is not { } day || Amount(details.Amount) is not { } amount)
        {
            return;
        }

        var key = (account, day, amount.Currency.Code);
        if (!days.TryGetValue(key, out var disbursed))
        {
            days[key] = disbursed = new DisbursedDay(amount.Currency);
        }

        disbursed.Add(legacyId, refund ? -amount.MinorUnits : amount.MinorUnits);
    }

    private static GatewayActivity? TransactionActivity(TransactionNode node, string kind, string status, bool livemode, string type = "sale")
    {
        if (node is not { LegacyId: { } legacyId, Status: { } nodeStatus } || nodeStatus != status || Amount(node.Amount) is not { } amount)
        {
            return null;
        }

        var at = node.StatusHistory?.Where(e => e.Status == status).Select(e => e.Timestamp).FirstOrDefault(t => t is not null) ?? node.CreatedAt ?? DateTimeOffset.UnixEpoch;
        return new GatewayActivity(
            Webhooks.Inbound.Braintree.BraintreeEventIds.For(kind, legacyId, status), kind, livemode, at,
            BraintreeNotificationXml.Transaction(kind, at, legacyId, status, amount, node.OrderId, node.MerchantAccountId, type));
    }

    private static GatewayActivity? DisputeActivity(DisputeNode node, bool livemode)
    {
        if (node is not { LegacyId: { } legacyId, Status: { } status } || !DisputeKinds.TryGetValue(status, out var kind) || Amount(node.AmountDisputed) is not { } amount)
        {
            return null;
        }

        // The time Braintree reached the current status is when its notification would have been sent.
        var at = node.StatusHistory?.Where(e => e.Status == status && e.Timestamp is not null).Select(e => e.Timestamp!.Value).DefaultIfEmpty().Max() is { } reached
            && reached != default ? reached : node.CreatedAt ?? DateTimeOffset.UnixEpoch;
        var transaction = node.Transaction;
        return new GatewayActivity(
            Webhooks.Inbound.Braintree.BraintreeEventIds.For(kind, legacyId, status), kind, livemode, at,
            BraintreeNotificationXml.Dispute(
                kind, at, legacyId, status, node.Reason, amount, Day(node.ReceivedDate), Day(node.ReplyByDate), transaction?.LegacyId, transaction?.OrderId,
                Amount(transaction?.Amount)));
    }

    private IAsyncEnumerable<TransactionNode> TransactionsAsync(BraintreeGraphQLClient client, object input, CancellationToken cancellationToken) =>
        PagesAsync(client, BraintreeOperations.SearchTransactionsForSync, input, s => s.Transactions, "transaction", cancellationToken);

    private async IAsyncEnumerable<TransactionNode> PagesAsync(
        BraintreeGraphQLClient client, string query, object input, Func<SearchPayload, TransactionConnection?> connection, string what,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? after = null;
        do
        {
            var search = await SearchAsync(client, query, input, after, cancellationToken).ConfigureAwait(false);
            var page = connection(search) ?? throw new GatewayReadException($"Braintree's {what} search returned no connection.");
            foreach (var node in (page.Edges ?? []).Select(e => e?.Node).OfType<TransactionNode>())
            {
                yield return node;
            }

            after = NextCursor(page.PageInfo, after);
        }
        while (after is not null);
    }

    private async IAsyncEnumerable<DisputeNode> DisputesAsync(BraintreeGraphQLClient client, object input, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? after = null;
        do
        {
            var search = await SearchAsync(client, BraintreeOperations.SearchDisputesForSync, input, after, cancellationToken).ConfigureAwait(false);
            var page = search.Disputes ?? throw new GatewayReadException("Braintree's dispute search returned no connection.");
            foreach (var node in (page.Edges ?? []).Select(e => e?.Node).OfType<DisputeNode>())
            {
                yield return node;
            }

            after = NextCursor(page.PageInfo, after);
        }
        while (after is not null);
    }

    private async Task<SearchPayload> SearchAsync(BraintreeGraphQLClient client, string query, object input, string? after, CancellationToken cancellationToken)
    {
        var call = await client.SendAsync(query, new { input, first = PageSize, after }, cancellationToken).ConfigureAwait(false);
        if (call.Failure is { } failure)
        {
            throw new GatewayReadException($"Braintree's search failed: {failure.Outcome} {failure.Code}: {failure.Message}");
        }

        if (call.Reply?.Errors is { Count: > 0 } errors)
        {
            throw new GatewayReadException($"Braintree's search was refused: {errors[0].Extensions?.ErrorClass ?? "error"}: {errors[0].Message}");
        }

        return call.Reply?.Data?.Search ?? throw new GatewayReadException("Braintree's search returned no data.");
    }

    // A page that says more follow but gives no cursor (or the same one again) would be read forever or cut short without anyone
    // knowing; failing keeps the sync's cursor, so the range is read again next time.
    private static string? NextCursor(PageInfo? pageInfo, string? previous) => pageInfo switch
    {
        { HasNextPage: false } or null => null,
        { EndCursor: { Length: > 0 } next } when next != previous => next,
        _ => throw new GatewayReadException("Braintree said more results follow but gave no new cursor."),
    };

    // Braintree's dates are days in its own time zone, not UTC: a day earlier keeps an event late on the UTC day in the range.
    private static string FirstDay(DateTimeOffset since) => DateOnly.FromDateTime(since.UtcDateTime.AddDays(-1)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Money? Amount(MonetaryAmountNode? amount) =>
        Currency.TryFrom(amount?.CurrencyCode, out var currency) && Money.TryParse(amount!.Value, currency, out var money, out _) ? money : null;

    private static DateOnly? Day(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    private sealed class DisbursedDay(Currency currency)
    {
        private long totalMinor;

        public List<string> LegacyIds { get; } = [];

        public Money Total => new(totalMinor, currency);

        public void Add(string legacyId, long minor)
        {
            LegacyIds.Add(legacyId);
            totalMinor = checked(totalMinor + minor);
        }
    }
}
