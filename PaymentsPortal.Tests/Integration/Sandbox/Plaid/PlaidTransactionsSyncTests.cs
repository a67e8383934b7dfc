using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Sandbox.Plaid;

namespace PaymentsPortal.Tests.Integration.Sandbox.Plaid;

[Trait("Tier", "Integration")]
public sealed class PlaidTransactionsSyncTests
{
    [Fact]
    public async Task Sync_EmptyCursor_PagesThroughNinetyDaysOfHistory()
    {
        await using var sandbox = await PlaidSandbox.StartAsync();
        var (accessToken, itemId) = await sandbox.LinkItemAsync();

        var (added, pages, _) = await SyncAllAsync(sandbox, accessToken, "", count: 50);

        Assert.True(pages > 1);
        Assert.Equal(sandbox.Simulator.Transactions(itemId).Select(t => t.TransactionId).Order(StringComparer.Ordinal),
            added.Select(t => t.GetProperty("transaction_id").GetString()!).Order(StringComparer.Ordinal));
        var dates = added.Select(t => DateOnly.ParseExact(t.GetProperty("date").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.True(dates.Min() >= today.AddDays(-90) && dates.Max() <= today);
        var payouts = added.Where(t => t.GetProperty("name").GetString() is "STRIPE TRANSFER" or "BRAINTREE DEPOSIT").ToList();
        Assert.NotEmpty(payouts);
        Assert.All(payouts, p => Assert.True(p.GetProperty("amount").GetDecimal() < 0, "money in is a negative amount"));
        Assert.Contains(added, t => t.GetProperty("pending").GetBoolean());
        Assert.Contains(added, t => t.GetProperty("pending_transaction_id").ValueKind == JsonValueKind.String);
        Assert.All(added, t => Assert.Equal("USD", t.GetProperty("iso_currency_code").GetString()));
    }

    [Fact]
    public async Task Sync_SameSeed_SameHistory()
    {
        await using var first = await PlaidSandbox.StartAsync();
        await using var second = await PlaidSandbox.StartAsync();

        var a = first.Simulator.Transactions(first.Simulator.CreateItem().ItemId);
        var b = second.Simulator.Transactions(second.Simulator.CreateItem().ItemId);

        Assert.Equal(a, b);
    }

    [Fact]
    public async Task Sync_AfterChanges_ReportsAddedModifiedAndRemovedAcrossPages()
    {
        await using var sandbox = await PlaidSandbox.StartAsync();
        var (accessToken, itemId) = await sandbox.LinkItemAsync();
        var (_, _, cursor) = await SyncAllAsync(sandbox, accessToken, "", count: 500);
        var existing = sandbox.Simulator.Transactions(itemId).Where(t => !t.Pending).Take(2).ToList();
        var checking = sandbox.Simulator.Item(itemId)!.Accounts[0].AccountId;

        var payout = sandbox.Simulator.AddTransaction(checking, new PlaidNewTransaction(new Money(-125_000, Currency.Usd), DateOnly.FromDateTime(DateTime.UtcNow),
            "STRIPE TRANSFER", "Stripe", Payer: "STRIPE"))!;
        sandbox.Simulator.ModifyTransaction(existing[0].TransactionId, t => t with { Name = "RENAMED BY THE BANK" });
        Assert.True(sandbox.Simulator.RemoveTransaction(existing[1].TransactionId));

        var page1 = (await Sync(sandbox, accessToken, cursor, 2)).Ok();
        var page2 = (await Sync(sandbox, accessToken, page1.Text("next_cursor"), 2)).Ok();

        Assert.True(page1.Json.GetProperty("has_more").GetBoolean());
        Assert.False(page2.Json.GetProperty("has_more").GetBoolean());
        var added = Assert.Single(page1.Json.GetProperty("added").EnumerateArray());
        Assert.Equal(payout.TransactionId, added.GetProperty("transaction_id").GetString());
        Assert.Equal(-1250m, added.GetProperty("amount").GetDecimal());
        Assert.Equal("STRIPE", added.GetProperty("payment_meta").GetProperty("payer").GetString());
        Assert.Equal("RENAMED BY THE BANK", Assert.Single(page1.Json.GetProperty("modified").EnumerateArray()).GetProperty("name").GetString());
        var removed = Assert.Single(page2.Json.GetProperty("removed").EnumerateArray());
        Assert.Equal(existing[1].TransactionId, removed.GetProperty("transaction_id").GetString());
        Assert.Equal(existing[1].AccountId, removed.GetProperty("account_id").GetString());
        Assert.Equal("HISTORICAL_UPDATE_COMPLETE", page2.Text("transactions_update_status"));
        Assert.NotEmpty(sandbox.Webhooks.Of(itemId, "SYNC_UPDATES_AVAILABLE"));
    }

    [Fact]
    public async Task Sync_OldCursor_ReplaysFromThere()
    {
        await using var sandbox = await PlaidSandbox.StartAsync();
        var (accessToken, itemId) = await sandbox.LinkItemAsync();
        var (_, _, old) = await SyncAllAsync(sandbox, accessToken, "", count: 500);
        var checking = sandbox.Simulator.Item(itemId)!.Accounts[0].AccountId;
        var first = sandbox.Simulator.AddTransaction(checking, new PlaidNewTransaction(new Money(1_999, Currency.Usd), DateOnly.FromDateTime(DateTime.UtcNow), "FIRST"))!;
        var (_, _, middle) = await SyncAllAsync(sandbox, accessToken, old, count: 500);
        var second = sandbox.Simulator.AddTransaction(checking, new PlaidNewTransaction(new Money(2_999, Currency.Usd), DateOnly.FromDateTime(DateTime.UtcNow), "SECOND"))!;

        var fromOld = (await Sync(sandbox, accessToken, old, 100)).Ok();
        var fromMiddle = (await Sync(sandbox, accessToken, middle, 100)).Ok();
        var upToDate = (await Sync(sandbox, accessToken, fromMiddle.Text("next_cursor"), 100)).Ok();

        Assert.Equal([first.TransactionId, second.TransactionId], Ids(fromOld, "added"));
        Assert.Equal([second.TransactionId], Ids(fromMiddle, "added"));
        Assert.Equal(fromOld.Text("next_cursor"), fromMiddle.Text("next_cursor"));
        Assert.Empty(Ids(upToDate, "added"));
        Assert.Equal(fromMiddle.Text("next_cursor"), upToDate.Text("next_cursor"));
    }

    [Fact]
    public async Task Sync_ChangeBetweenPages_MutationDuringPaginationThenRestartSucceeds()
    {
        await using var sandbox = await PlaidSandbox.StartAsync();
        var (accessToken, itemId) = await sandbox.LinkItemAsync();
        var page1 = (await Sync(sandbox, accessToken, "", 10)).Ok();
        var checking = sandbox.Simulator.Item(itemId)!.Accounts[0].AccountId;
        var late = sandbox.Simulator.AddTransaction(checking, new PlaidNewTransaction(new Money(500, Currency.Usd), DateOnly.FromDateTime(DateTime.UtcNow), "LATE"))!;

        var page2 = await Sync(sandbox, accessToken, page1.Text("next_cursor"), 10);

        page2.Error(HttpStatusCode.BadRequest, "TRANSACTIONS_ERROR", "TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION");
        var (added, _, _) = await SyncAllAsync(sandbox, accessToken, "", count: 10);
        Assert.Contains(added, t => t.GetProperty("transaction_id").GetString() == late.TransactionId);
    }

    [Fact]
    public async Task Sync_ForcedMutationSwitch_FailsNextPageOnce()
    {
        await using var sandbox = await PlaidSandbox.StartAsync();
        var (accessToken, itemId) = await sandbox.LinkItemAsync();
        var page1 = (await Sync(sandbox, accessToken, "", 10)).Ok();
        Assert.True(sandbox.Simulator.ForceMutationDuringPagination(itemId));

        (await Sync(sandbox, accessToken, page1.Text("next_cursor"), 10))
            .Error(HttpStatusCode.BadRequest, "TRANSACTIONS_ERROR", "TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION");
        (await Sync(sandbox, accessToken, page1.Text("next_cursor"), 10)).Ok();
    }

    [Fact]
    public async Task Sync_PendingTransactionPosts_RemovedPendingAndAddedPosted()
    {
        await using var sandbox = await PlaidSandbox.StartAsync();
        var (accessToken, itemId) = await sandbox.LinkItemAsync();
        var (_, _, cursor) = await SyncAllAsync(sandbox, accessToken, "", count: 500);
        var pending = sandbox.Simulator.Transactions(itemId).First(t => t.Pending && t.Amount.MinorUnits > 0);

        var posted = sandbox.Simulator.PostPendingTransaction(pending.TransactionId)!;
        var reply = (await Sync(sandbox, accessToken, cursor, 100)).Ok();

        Assert.Equal([pending.TransactionId], Ids(reply, "removed"));
        var added = Assert.Single(reply.Json.GetProperty("added").EnumerateArray());
        Assert.Equal(posted.TransactionId, added.GetProperty("transaction_id").GetString());
        Assert.False(added.GetProperty("pending").GetBoolean());
        Assert.Equal(pending.TransactionId, added.GetProperty("pending_transaction_id").GetString());
        Assert.Equal(pending.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), added.GetProperty("authorized_date").GetString());
    }

    [Fact]
    public async Task SandboxTransactionsCreate_AddsToFirstAccount()
    {
        await using var sandbox = await PlaidSandbox.StartAsync();
        var (accessToken, itemId) = await sandbox.LinkItemAsync();
        var (_, _, cursor) = await SyncAllAsync(sandbox, accessToken, "", count: 500);
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        (await sandbox.CallAsync("/sandbox/transactions/create", accessToken, new JsonObject
        {
            ["transactions"] = new JsonArray(new JsonObject
            {
                ["date_transacted"] = today, ["date_posted"] = today, ["amount"] = -842.17, ["description"] = "BRAINTREE DEPOSIT",
            }),
        })).Ok();
        var reply = (await Sync(sandbox, accessToken, cursor, 100)).Ok();

        var added = Assert.Single(reply.Json.GetProperty("added").EnumerateArray());
        Assert.Equal(-842.17m, added.GetProperty("amount").GetDecimal());
        Assert.Equal(sandbox.Simulator.Item(itemId)!.Accounts[0].AccountId, added.GetProperty("account_id").GetString());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(501)]
    public async Task Sync_CountOutOfRange_InvalidField(int count)
    {
        await using var sandbox = await PlaidSandbox.StartAsync();
        var (accessToken, _) = await sandbox.LinkItemAsync();

        (await Sync(sandbox, accessToken, "", count)).Error(HttpStatusCode.BadRequest, "INVALID_REQUEST", "INVALID_FIELD");
    }

    [Fact]
    public async Task Sync_CursorOfAnotherItem_InvalidField()
    {
        await using var sandbox = await PlaidSandbox.StartAsync();
        var (first, _) = await sandbox.LinkItemAsync();
        var (second, _) = await sandbox.LinkItemAsync();
        var cursor = (await Sync(sandbox, first, "", 500)).Ok().Text("next_cursor");

        (await Sync(sandbox, second, cursor, 100)).Error(HttpStatusCode.BadRequest, "INVALID_REQUEST", "INVALID_FIELD");
    }

    [Fact]
    public async Task Sync_NotReady_EmptyPageWithStatus()
    {
        await using var sandbox = await PlaidSandbox.StartAsync();
        var (accessToken, itemId) = await sandbox.LinkItemAsync();
        sandbox.Simulator.SetTransactionsUpdateStatus(itemId, "NOT_READY");

        var reply = (await Sync(sandbox, accessToken, "", 100)).Ok();

        Assert.Equal("NOT_READY", reply.Text("transactions_update_status"));
        Assert.Equal(0, reply.Json.GetProperty("added").GetArrayLength());
        Assert.False(reply.Json.GetProperty("has_more").GetBoolean());
    }

    internal static Task<PlaidReply> Sync(PlaidSandbox sandbox, string accessToken, string cursor, int count) =>
        sandbox.CallAsync("/transactions/sync", accessToken, new JsonObject { ["cursor"] = cursor, ["count"] = count });

    internal static async Task<(List<JsonElement> Added, int Pages, string Cursor)> SyncAllAsync(PlaidSandbox sandbox, string accessToken, string cursor, int count)
    {
        var added = new List<JsonElement>();
        var pages = 0;
        while (true)
        {
            var reply = (await Sync(sandbox, accessToken, cursor, count)).Ok();
            pages++;
            added.AddRange(reply.Json.GetProperty("added").EnumerateArray());
            cursor = reply.Text("next_cursor");
            if (!reply.Json.GetProperty("has_more").GetBoolean())
            {
                return (added, pages, cursor);
            }
        }
    }

    private static List<string> Ids(PlaidReply reply, string list) =>
        [.. reply.Json.GetProperty(list).EnumerateArray().Select(t => t.GetProperty("transaction_id").GetString()!)];
}
