using System.Net;
using PaymentsPortal.Core.Payments.Export;
using PaymentsPortal.Core.Payments.Search;
using PaymentsPortal.Downloads;
using PaymentsPortal.Tests.Browser.Refunds;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Downloads;

[Trait("Tier", "Integration")]
public sealed class PaymentExportEndpointTests(PortalAppFixture fixture) : IClassFixture<PortalAppFixture>
{
    [Fact]
    public async Task Download_WithOwnTicket_StreamsCsvOnce()
    {
        var (http, ticket) = await SignedInWithTicketAsync("operator@demo.local");
        using (http)
        {
            using var response = await http.GetAsync("/payments/export/" + Uri.EscapeDataString(ticket));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
            Assert.StartsWith("payment_id,created_at,status,", (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF'), StringComparison.Ordinal);

            using var again = await http.GetAsync("/payments/export/" + Uri.EscapeDataString(ticket));
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
            Assert.Contains("downloaded already", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Download_WithAlteredTicket_IsRefusedWithAClearMessage()
    {
        var (http, ticket) = await SignedInWithTicketAsync("operator@demo.local");
        using (http)
        {
            using var response = await http.GetAsync("/payments/export/" + Uri.EscapeDataString(ticket[..^4] + "AAAA"));

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("expired or is not valid", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Download_WithSomeoneElsesTicket_IsForbidden_AndLeavesTheExportUnclaimed()
    {
        var (operatorHttp, ticket) = await SignedInWithTicketAsync("operator@demo.local");
        operatorHttp.Dispose();
        using var admin = new PortalHttp(fixture.App.BaseAddress);
        await admin.SignInAsync("admin@demo.local");

        using var response = await admin.GetAsync("/payments/export/" + Uri.EscapeDataString(ticket));

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/access-denied", response.Headers.Location?.AbsolutePath);
        var request = fixture.App.Service<DownloadTickets>().Redeem<PaymentExportTicket>(ticket)!;
        Assert.Equal(PaymentExportStatus.Issued, (await fixture.App.Service<PaymentExports>().FindAsync(request.MerchantId, request.ExportId))!.Status);
    }

    [Fact]
    public async Task AuditExportTicket_IsNotAPaymentExportTicket()
    {
        using var http = new PortalHttp(fixture.App.BaseAddress);
        await http.SignInAsync("operator@demo.local");
        var coffee = await fixture.App.DemoCoffeeIdAsync();
        var user = await fixture.App.ActorAsync("operator@demo.local");
        var auditTicket = fixture.App.Service<DownloadTickets>().Issue(new PaymentsPortal.AuditExports.AuditExportRequest(user.UserId, coffee,
            Core.Audit.Search.AuditFilter.None, Core.Audit.Search.AuditExportFormat.Csv));

        using var response = await http.GetAsync("/payments/export/" + Uri.EscapeDataString(auditTicket));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private async Task<(PortalHttp Http, string Ticket)> SignedInWithTicketAsync(string email)
    {
        var coffee = await fixture.App.DemoCoffeeIdAsync();
        var http = new PortalHttp(fixture.App.BaseAddress);
        await http.SignInAsync(email);
        var access = await fixture.App.AccessAsync(email, coffee);
        var requested = await fixture.App.Service<PaymentExports>().RequestAsync(access, PaymentFilter.None, PaymentSort.NewestFirst);
        Assert.True(requested.Succeeded, requested.Error);
        var export = requested.Value!;
        return (http, fixture.App.Service<DownloadTickets>().Issue(new PaymentExportTicket(export.RequestedBy, export.MerchantId, export.Id)));
    }
}
