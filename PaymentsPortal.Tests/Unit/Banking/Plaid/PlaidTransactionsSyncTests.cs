using System.Net;
using PaymentsPortal.Core.Banking.Plaid;
using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Tests.Unit.Banking.Plaid;

/// <summary>/transactions/sync pages: what is sent, what is read, and the failure that restarts a run.</summary>
[Trait("Tier", "Unit")]
public sealed class PlaidTransactionsSyncTests
{
    private const string Page = """
        {"accounts":[],
         "added":[
           {"account_id":"BxBXxLj1m4HMXBm9WZZmCWVbPjX16EHwv99vp","account_owner":null,"amount":72.1,"iso_currency_code":"USD",
            "unofficial_currency_code":null,"check_number":null,"counterparties":[],"date":"2023-09-24","datetime":"2023-09-24T11:01:01Z",
            "authorized_date":"2023-09-22","authorized_datetime":"2023-09-22T10:34:50Z","location":{"city":"Poway"},
            "name":"PURCHASE WM SUPERCENTER #1700","merchant_name":"Walmart","payment_meta":{},"payment_channel":"in store",
            "pending":false,"pending_transaction_id":"no86Eox18VHMvaOVL7gPUM9ap3aR1LsAVZ5nc",
            "personal_finance_category":{"primary":"GENERAL_MERCHANDISE","detailed":"GENERAL_MERCHANDISE_SUPERSTORES","confidence_level":"VERY_HIGH"},
            "transaction_id":"lPNjeW1nR6CDn5okmGQ6hEpMo4lLNoSrzqDje","transaction_code":null},
           {"account_id":"BxBXxLj1m4HMXBm9WZZmCWVbPjX16EHwv99vp","amount":-2500,"iso_currency_code":"USD","unofficial_currency_code":null,
            "date":"2023-09-25","authorized_date":null,"name":"PORTAL PAYOUT","merchant_name":null,"payment_channel":"other",
            "pending":true,"pending_transaction_id":null,"transaction_id":"payout-1"}],
         "modified":[],
         "removed":[{"account_id":"BxBXxLj1m4HMXBm9WZZmCWVbPjX16EHwv99vp","transaction_id":"CmdQTNgems8BT1B7ibkoUXVPyAeehT3Tmzk0l"}],
         "next_cursor":"tVUUL15lYQN5rBnfDIc1I8xudpGdIlw9nsgeXWvhOfkECvUeR663i3Dt1uf/94S8ASkitgLcIiOSqNwzzp+bh89kirazha5vuZHBb2ZA5NtCDkkV",
         "has_more":true,"request_id":"Wvhy9PZHQLV8njG","transactions_update_status":"HISTORICAL_UPDATE_COMPLETE"}
        """;

    [Fact]
    public async Task SyncTransactionsAsync_Page_ReadsChangesCursorAndAmountsWithPlaidsSign()
    {
        using var host = new PlaidTestHost(new PlaidStubHandler().Reply("/transactions/sync", HttpStatusCode.OK, Page));

        var result = await host.Client.SyncTransactionsAsync(new PlaidTransactionsSyncRequest(PlaidTestHost.AccessToken), CancellationToken.None);

        var page = result.Value!;
        Assert.True(page.HasMore);
        Assert.False(page.IsNotReady);
        Assert.StartsWith("tVUUL15lYQN5", page.NextCursor, StringComparison.Ordinal);
        Assert.Equal("CmdQTNgems8BT1B7ibkoUXVPyAeehT3Tmzk0l", Assert.Single(page.Removed).TransactionId);
        Assert.Empty(page.Modified);

        var purchase = page.Added[0];
        Assert.Equal(new Money(7210, Currency.Usd), purchase.GetAmount().Money);
        Assert.Equal(new DateOnly(2023, 9, 24), purchase.Date);
        Assert.Equal(new DateOnly(2023, 9, 22), purchase.AuthorizedDate);
        Assert.Equal("Walmart", purchase.MerchantName);
        Assert.Equal("in store", purchase.PaymentChannel);
        Assert.Equal("no86Eox18VHMvaOVL7gPUM9ap3aR1LsAVZ5nc", purchase.PendingTransactionId);
        Assert.Equal("GENERAL_MERCHANDISE", purchase.PersonalFinanceCategory?.Primary);

        var payout = page.Added[1];
        Assert.Equal(new Money(-250000, Currency.Usd), payout.GetAmount().Money);
        Assert.True(payout.Pending);
        Assert.Null(payout.AuthorizedDate);
        Assert.Null(payout.PersonalFinanceCategory);
    }

    [Fact]
    public async Task SyncTransactionsAsync_FirstCall_OmitsTheCursor()
    {
        using var host = new PlaidTestHost(new PlaidStubHandler());

        await host.Client.SyncTransactionsAsync(new PlaidTransactionsSyncRequest(PlaidTestHost.AccessToken), CancellationToken.None);

        Assert.Equal($$"""{"access_token":"{{PlaidTestHost.AccessToken.Reveal()}}"}""", host.Stub.Requests.Single().Body);
    }

    [Fact]
    public async Task SyncTransactionsAsync_CursorCountAndOptions_Sent()
    {
        using var host = new PlaidTestHost(new PlaidStubHandler());

        await host.Client.SyncTransactionsAsync(new PlaidTransactionsSyncRequest(PlaidTestHost.AccessToken, "c-41", 500,
            new PlaidTransactionsSyncOptions(IncludePersonalFinanceCategory: true)), CancellationToken.None);

        Assert.Equal(
            $$$"""{"access_token":"{{{PlaidTestHost.AccessToken.Reveal()}}}","cursor":"c-41","count":500,"options":{"include_personal_finance_category":true}}""",
            host.Stub.Requests.Single().Body);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(501)]
    public async Task SyncTransactionsAsync_CountOutOfRange_ThrowsWithoutACall(int count)
    {
        using var host = new PlaidTestHost(new PlaidStubHandler());

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            host.Client.SyncTransactionsAsync(new PlaidTransactionsSyncRequest(PlaidTestHost.AccessToken, Count: count), CancellationToken.None));
        Assert.Empty(host.Stub.Requests);
    }

    [Fact]
    public async Task SyncTransactionsAsync_MutationDuringPagination_TellsTheCallerToRestart()
    {
        using var host = new PlaidTestHost(new PlaidStubHandler().Reply("/transactions/sync", HttpStatusCode.BadRequest,
            PlaidErrorClassificationTests.ErrorBody("TRANSACTIONS_ERROR", "TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION", null)));

        var result = await host.Client.SyncTransactionsAsync(new PlaidTransactionsSyncRequest(PlaidTestHost.AccessToken, "c-42"), CancellationToken.None);

        Assert.Equal(PlaidFailureKind.TransactionsSyncMutation, result.Failure!.Kind);
        Assert.False(result.Failure.OutcomeUnknown);
    }

    [Fact]
    public async Task SyncTransactionsAsync_NotReady_EmptyPageSaysSo()
    {
        using var host = new PlaidTestHost(new PlaidStubHandler().Reply("/transactions/sync", HttpStatusCode.OK,
            """{"accounts":[],"added":[],"modified":[],"removed":[],"next_cursor":"","has_more":false,"request_id":"r","transactions_update_status":"NOT_READY"}"""));

        var result = await host.Client.SyncTransactionsAsync(new PlaidTransactionsSyncRequest(PlaidTestHost.AccessToken), CancellationToken.None);

        Assert.True(result.Value!.IsNotReady);
    }
}
