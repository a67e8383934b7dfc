using System.Net;
using Microsoft.EntityFrameworkCore;
using PaymentsPortal.AuditExports;
using PaymentsPortal.Core.Audit.Search;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Merchants;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Downloads;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.AuditExports;

[Trait("Tier", "Integration")]
public sealed class AuditExportEndpointTests(PortalAppFixture fixture) : IClassFixture<PortalAppFixture>
{
    [Theory]
    [InlineData(AuditExportFormat.Csv, "text/csv", "sequence,id,")]
    [InlineData(AuditExportFormat.Json, "application/json", "{")]
    public async Task Export_WithOwnTicket_StreamsTheFileAsAnAttachment(AuditExportFormat format, string mediaType, string start)
    {
        var (http, ticket) = await SignedInWithTicketAsync("compliance@demo.local", format);
        using (http)
        {
            using var response = await http.GetAsync("/audit/export/" + Uri.EscapeDataString(ticket));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
            Assert.StartsWith(start, (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF'), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Export_WithAlteredTicket_IsRefusedWithAClearMessage()
    {
        var (http, ticket) = await SignedInWithTicketAsync("compliance@demo.local", AuditExportFormat.Json);
        using (http)
        {
            using var response = await http.GetAsync("/audit/export/" + Uri.EscapeDataString(ticket[..^4] + "AAAA"));

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("expired or is not valid", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Export_WithSomeoneElsesTicket_IsForbidden()
    {
        var (compliance, ticket) = await SignedInWithTicketAsync("compliance@demo.local", AuditExportFormat.Csv);
        compliance.Dispose();
        using var admin = new PortalHttp(fixture.App.BaseAddress);
        await admin.SignInAsync("admin@demo.local");

        using var response = await admin.GetAsync("/audit/export/" + Uri.EscapeDataString(ticket));

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/access-denied", response.Headers.Location?.AbsolutePath);
    }

    private async Task<(PortalHttp Http, string Ticket)> SignedInWithTicketAsync(string email, AuditExportFormat format)
    {
        var merchant = (await fixture.App.Service<MerchantAdministration>().ListAsync()).Single(m => m.Name == DemoData.DemoCoffee).Id;
        var http = new PortalHttp(fixture.App.BaseAddress);
        await http.SignInAsync(email);
        var userId = await UserIdAsync(email);
        return (http, fixture.App.Service<DownloadTickets>().Issue(new AuditExportRequest(userId, merchant, AuditFilter.None, format)));
    }

    private async Task<Guid> UserIdAsync(string email)
    {
        var normalized = email.ToUpperInvariant();
        await using var db = CoreHost.CreateContext(fixture.Database.AppConnectionString, FixedTenantScope.None);
        return await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).SingleAsync();
    }
}
