using System.Net;
using PaymentsPortal.Core.Banking.Accounts;
using PaymentsPortal.Core.Banking.Transactions.Browsing;
using PaymentsPortal.Downloads;
using PaymentsPortal.Tests.Browser.Refunds;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Downloads;

/// <summary>The bank transactions download over HTTP: the ticket's owner gets the CSV; anyone else, or an altered ticket, does not.</summary>
[Trait("Tier", "Integration")]
public sealed class BankTransactionExportEndpointTests(PortalAppFixture fixture) : IClassFixture<PortalAppFixture>
{
    [Fact]
    public async Task Download_WithOwnTicket_StreamsTheCsv()
    {
        var (http, ticket) = await SignedInWithTicketAsync("operator@demo.local");
        using (http)
        {
            using var response = await http.GetAsync("/banking/accounts/export/" + Uri.EscapeDataString(ticket));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
            Assert.StartsWith("date,description,counterparty,amount,", (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF'), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Download_WithSomeoneElsesOrAnAlteredTicket_IsRefused()
    {
        var (operatorHttp, ticket) = await SignedInWithTicketAsync("operator@demo.local");
        using (operatorHttp)
        {
            using var altered = await operatorHttp.GetAsync("/banking/accounts/export/" + Uri.EscapeDataString(ticket[..^4] + "AAAA"));
            Assert.Equal(HttpStatusCode.BadRequest, altered.StatusCode);
            Assert.Contains("expired or is not valid", await altered.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var admin = new PortalHttp(fixture.App.BaseAddress);
        await admin.SignInAsync("admin@demo.local");
        using var response = await admin.GetAsync("/banking/accounts/export/" + Uri.EscapeDataString(ticket));

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/access-denied", response.Headers.Location?.AbsolutePath);
    }

    private async Task<(PortalHttp Http, string Ticket)> SignedInWithTicketAsync(string email)
    {
        var coffee = await fixture.App.DemoCoffeeIdAsync();
        var admin = await fixture.App.AccessAsync("admin@demo.local", coffee);
        var added = await fixture.App.Service<StatementAccounts>().AddAsync(admin, "Export test " + Guid.NewGuid().ToString("N")[..6], "9876", "USD");
        Assert.True(added.Succeeded, added.Error);
        var http = new PortalHttp(fixture.App.BaseAddress);
        await http.SignInAsync(email);
        var user = await fixture.App.AccessAsync(email, coffee);
        return (http, fixture.App.Service<DownloadTickets>().Issue(
            new BankTransactionExportTicket(user.UserId!.Value, coffee, added.Value!.Id, new BankTransactionFilter())));
    }
}
