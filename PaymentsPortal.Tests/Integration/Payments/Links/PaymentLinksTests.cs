using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Payments.Checkout;
using PaymentsPortal.Core.Payments.Links;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Payments.Links;

/// <summary>Staff create, list and deactivate links; every change is checked, permission-bound and audited.</summary>
[Trait("Tier", "Integration")]
public sealed class PaymentLinksTests : IAsyncLifetime
{
    private PaymentLinksTestBed bed = default!;

    public async Task InitializeAsync() => bed = await PaymentLinksTestBed.StartAsync();

    public async Task DisposeAsync() => await bed.DisposeAsync();

    [Fact]
    public async Task Create_ValidRequest_StoresTheExactAmountUnderAnUnguessableSlugAndAuditsIt()
    {
        var operatorAccess = await bed.AccessAsync();
        var request = bed.Request("1.234", "BHD", maxUses: null);

        var created = await bed.Links.CreateAsync(operatorAccess, request);

        Assert.True(created.Succeeded, created.Error);
        var link = await bed.LinkAsync(created.Value!.Id);
        Assert.Equal((1234L, "BHD", (int?)null, PaymentLinkStatus.Active), (link.AmountMinor, link.CurrencyCode, link.MaxUses, link.Status));
        Assert.True(PaymentLinkSlug.IsWellFormed(link.Slug));
        Assert.Equal("/pay/" + link.Slug, created.Value.PublicPath);
        Assert.Equal((0, PaymentLinkAvailability.Payable), (created.Value.Uses, created.Value.Availability));

        var entry = Assert.Single(await bed.AuditOfLinkAsync(link.Id));
        Assert.Equal((AuditAction.PaymentLinkCreated, AuditActorType.User, operatorAccess.UserId.ToString()), (entry.Action, entry.ActorType, entry.ActorId));
        Assert.Contains("\"amount_minor\":1234", entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_TwoLinks_GetDifferentSlugs()
    {
        var first = await bed.CreateAsync();
        var second = await bed.CreateAsync();

        Assert.NotEqual(first.Slug, second.Slug);
    }

    public static TheoryData<string, string, string?, int, int?, string> InvalidRequests => new()
    {
        { "1.005", "USD", "Invoice", 7, 1, "USD has 2 decimal places at most." },
        { "10.5", "JPY", "Invoice", 7, 1, "JPY has no minor units: enter a whole number." },
        { "0", "USD", "Invoice", 7, 1, "The amount must be greater than zero." },
        { "-5", "USD", "Invoice", 7, 1, "Enter the amount as digits with an optional '.' before the minor units." },
        { "5.00", "XYZ", "Invoice", 7, 1, "'XYZ' is not a supported ISO 4217 currency." },
        { "5.00", "USD", "   ", 7, 1, "Describe what the customer pays for: the payment page shows it." },
        { "5.00", "USD", new string('x', PaymentLink.DescriptionMaxLength + 1), 7, 1, "Keep the description to 500 characters." },
        { "5.00", "USD", "Invoice", 0, 1, "The expiry must be in the future." },
        { "5.00", "USD", "Invoice", -1, 1, "The expiry must be in the future." },
        { "5.00", "USD", "Invoice", 367, 1, "A link can be valid for at most 366 days." },
        { "5.00", "USD", "Invoice", 7, 0, "A link must allow at least one payment." },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task Create_InvalidRequest_IsRefusedWithTheReasonAndStoresNothing(string amount, string currency, string? description, int days, int? maxUses, string reason)
    {
        var request = new NewPaymentLink(amount, currency, description, bed.Clock.GetUtcNow() + TimeSpan.FromDays(days), maxUses);

        var created = await bed.Links.CreateAsync(await bed.AccessAsync(), request);

        Assert.False(created.Succeeded);
        Assert.Equal(reason, created.Error);
        await using var db = bed.Host.Context(bed.MerchantId);
        Assert.Equal(0, await db.PaymentLinks.CountAsync());
        Assert.False(await db.AuditEntries.AnyAsync(e => e.Action == AuditAction.PaymentLinkCreated));
    }

    [Theory]
    [InlineData("support@demo.local")]
    [InlineData("viewer@demo.local")]
    [InlineData("compliance@demo.local")]
    public async Task CreateAndDeactivate_RoleWithoutThePermission_AreRefused(string email)
    {
        var link = await bed.CreateAsync();
        var access = await bed.AccessAsync(email);

        var created = await bed.Links.CreateAsync(access, bed.Request());
        var deactivated = await bed.Links.DeactivateAsync(access, link.Id);
        var listed = await bed.Host.Service<PaymentLinkQueries>().ListAsync(access, null, 10);

        Assert.Equal(("Your role cannot manage payment links.", "Your role cannot manage payment links."), (created.Error, deactivated.Error));
        Assert.Empty(listed.Rows);
        Assert.Equal(PaymentLinkStatus.Active, (await bed.LinkAsync(link.Id)).Status);
    }

    [Fact]
    public async Task Deactivate_ActiveLink_StopsItRecordsWhoAndAuditsIt_AndASecondTimeIsRefused()
    {
        var link = await bed.CreateAsync(maxUses: null);
        var admin = await bed.AccessAsync("admin@demo.local");

        var deactivated = await bed.Links.DeactivateAsync(admin, link.Id);
        var again = await bed.Links.DeactivateAsync(await bed.AccessAsync(), link.Id);

        Assert.True(deactivated.Succeeded, deactivated.Error);
        Assert.Equal(PaymentLinkAvailability.Deactivated, deactivated.Value!.Availability);
        var stored = await bed.LinkAsync(link.Id);
        Assert.Equal((PaymentLinkStatus.Deactivated, admin.UserId, admin.DisplayName), (stored.Status, stored.DeactivatedBy, stored.DeactivatedByName));
        Assert.False(again.Succeeded);
        Assert.Equal($"The link was already deactivated by {admin.DisplayName}.", again.Error);
        Assert.Equal([AuditAction.PaymentLinkCreated, AuditAction.PaymentLinkDeactivated], (await bed.AuditOfLinkAsync(link.Id)).Select(e => e.Action));
    }

    [Fact]
    public async Task Deactivate_AnotherMerchantsLink_IsNotFoundAndChangesNothing()
    {
        var link = await bed.CreateAsync();
        var northwind = await bed.Host.MerchantIdAsync(DemoData.Northwind);
        var northwindAdmin = await bed.Host.ResolveAsync("admin@northwind.local", northwind);

        var deactivated = await bed.Links.DeactivateAsync(northwindAdmin, link.Id);

        Assert.Equal("No such payment link.", deactivated.Error);
        Assert.Equal(PaymentLinkStatus.Active, (await bed.LinkAsync(link.Id)).Status);
        Assert.Null(await bed.Host.Service<PaymentLinkQueries>().PaymentsAsync(northwindAdmin, link.Id));
    }

    [Fact]
    public async Task List_NewestFirst_PagesByKeysetWithUsesAndWhatEachLinkIsNow()
    {
        var single = await bed.CreateAsync(maxUses: 1);
        bed.Clock.Advance(TimeSpan.FromMinutes(1));
        var shortLived = await bed.CreateAsync(maxUses: null, validFor: TimeSpan.FromHours(1));
        bed.Clock.Advance(TimeSpan.FromMinutes(1));
        var open = await bed.CreateAsync(maxUses: null);
        Assert.Equal(CheckoutStage.Paid, (await bed.PayAsync(single)).Stage);
        Assert.Equal(CheckoutStage.Paid, (await bed.PayAsync(open)).Stage);
        Assert.Equal(CheckoutStage.Paid, (await bed.PayAsync(open)).Stage);
        bed.Clock.Advance(TimeSpan.FromHours(2));
        var queries = bed.Host.Service<PaymentLinkQueries>();
        var access = await bed.AccessAsync();

        var first = await queries.ListAsync(access, null, 2);
        var second = await queries.ListAsync(access, first.Next, 2);

        Assert.Equal([open.Id, shortLived.Id], first.Rows.Select(r => r.Id));
        Assert.Equal([single.Id], second.Rows.Select(r => r.Id));
        Assert.Null(second.Next);
        var rows = first.Rows.Concat(second.Rows).ToDictionary(r => r.Id);
        Assert.Equal((2, PaymentLinkAvailability.Payable), (rows[open.Id].Uses, rows[open.Id].Availability));
        Assert.Equal((0, PaymentLinkAvailability.Expired), (rows[shortLived.Id].Uses, rows[shortLived.Id].Availability));
        Assert.Equal((1, PaymentLinkAvailability.UsedUp), (rows[single.Id].Uses, rows[single.Id].Availability));

        var payments = await queries.PaymentsAsync(access, open.Id);
        Assert.NotNull(payments);
        Assert.Equal(2, payments.Total);
        Assert.All(payments.Latest, p => Assert.Equal((PaymentStatus.Succeeded, 2500L, true), (p.Status, p.Amount.MinorUnits, p.CountsAsUse)));
    }
}
