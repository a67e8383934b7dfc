using Bunit;
using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Components.Pages.Payments;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Components.Payments;

/// <summary>The payment page against a real database: its sections, what each role sees, and payments it must not show.</summary>
[Trait("Tier", "Component")]
public sealed class PaymentDetailPageTests : IAsyncLifetime
{
    private PaymentComponentHost host = default!;
    private Guid ours;
    private Guid theirs;

    public async Task InitializeAsync()
    {
        host = await PaymentComponentHost.StartAsync();
        ours = await PaymentTestData.FailedOverAsync(host.Core.Services, host.Core.Database.AppConnectionString, host.Coffee,
            new Money(1250, Currency.Eur), "jane@example.com", "Two flat whites");
        theirs = await PaymentTestData.FailedOverAsync(host.Core.Services, host.Core.Database.AppConnectionString, host.Northwind,
            new Money(4200, Currency.Usd), "reader@example.com", "A rare book");
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public void Render_FailedOverPayment_ShowsSummaryTimelineAndEveryAttempt()
    {
        var page = Open(ours, MerchantRole.Admin);

        page.WaitForElement("[data-test=payment-summary]", PaymentComponentHost.ReadTimeout);
        Assert.Equal("12.50 EUR", Text(page, "payment-title"));
        Assert.Equal(("12.50 EUR", "12.50 EUR", "0.00 EUR"),
            (Text(page, "payment-summary-amount"), Text(page, "payment-summary-captured"), Text(page, "payment-summary-refunded")));
        Assert.Equal("Visa •••• 1881, expires 03/30", string.Join(' ', Text(page, "payment-summary-card").Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal(("Braintree", "bt_txn_0042", "Two flat whites"),
            (Text(page, "payment-summary-gateway"), Text(page, "payment-summary-reference"), Text(page, "payment-summary-description")));

        Assert.Equal(["Created", "Processing", "Processing", "Succeeded"], page.FindAll("[data-test=payment-event]").Select(e => e.GetAttribute("data-to")));
        Assert.Contains("trying Braintree", page.FindAll("[data-test=payment-event-reason]")[2].TextContent, StringComparison.Ordinal);

        var attempts = page.FindAll("[data-test=payment-attempt]");
        Assert.Equal([("1", "Stripe", "NotSent"), ("2", "Braintree", "Succeeded")],
            attempts.Select(a => (a.GetAttribute("data-number"), a.GetAttribute("data-gateway"), a.GetAttribute("data-outcome"))));
        Assert.Equal(["connection_refused", ""], page.FindAll("[data-test=payment-attempt-code]").Select(c => c.TextContent.Trim()));
        Assert.Equal(["3", "184"], page.FindAll("[data-test=payment-attempt-latency]").Select(c => c.TextContent.Trim()));
    }

    [Fact]
    public async Task Render_WithAuditView_ListsThePaymentsAuditEntriesLinkedToTheirPages_AndRecordsTheRead()
    {
        var page = Open(ours, MerchantRole.Compliance);

        page.WaitForRead(() => Assert.Equal(
            [nameof(AuditAction.PaymentCreated), nameof(AuditAction.PaymentProcessing), nameof(AuditAction.PaymentProcessing), nameof(AuditAction.PaymentSucceeded)],
            page.FindAll("[data-test=payment-audit-action]").Select(a => a.TextContent.Trim())));
        await using var db = host.Core.Context(host.Coffee);
        var entries = await db.AuditEntries.AsNoTracking().Where(e => e.TargetId == ours.ToString()).OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal(entries.Select(e => $"/audit/entries/{e.Sequence}"), page.FindAll("[data-test=payment-audit-link]").Select(a => a.GetAttribute("href")));
        Assert.EndsWith($"/audit?targetType=payment&targetId={ours}", page.Find("[data-test=payment-audit-history]").GetAttribute("href"), StringComparison.Ordinal);

        // Reading a payment's audit entries is an access to the trail, recorded like a search in the workspace.
        var read = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == AuditAction.AuditViewed);
        Assert.Equal(("audit_trail", "Demo Compliance"), (read.TargetType, read.ActorName));
        Assert.Contains(ours.ToString(), read.Details, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(MerchantRole.Support, "j•••@example.com", false)]
    [InlineData(MerchantRole.Viewer, "jane@example.com", false)]
    [InlineData(MerchantRole.Operator, "jane@example.com", false)]
    [InlineData(MerchantRole.Admin, "jane@example.com", true)]
    public void Render_ByRole_MasksTheEmailWithoutCustomerData_AndShowsTheAuditOnlyWithAuditView(MerchantRole role, string email, bool audit)
    {
        var page = Open(ours, role);

        page.WaitForElement("[data-test=payment-summary]", PaymentComponentHost.ReadTimeout);
        Assert.Equal(email, Text(page, "payment-summary-email"));
        Assert.Equal(audit, page.FindAll("[data-test=payment-audit]").Count == 1);
        if (audit)
        {
            page.WaitForRead(() => Assert.Equal(4, page.FindAll("[data-test=payment-audit-entry]").Count));
        }

        if (role == MerchantRole.Support)
        {
            Assert.DoesNotContain("jane@", page.Markup, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Render_AnotherMerchantsPayment_IsNotFoundAndShowsNothingOfIt()
    {
        var page = Open(theirs, MerchantRole.Admin);

        page.WaitForElement("[data-test=payment-not-found]", PaymentComponentHost.ReadTimeout);
        Assert.Contains(theirs.ToString(), Text(page, "payment-not-found"), StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-test=payment-summary]"));
        Assert.DoesNotContain("A rare book", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("reader@", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_UnknownPayment_IsNotFound()
    {
        var page = Open(Guid.NewGuid(), MerchantRole.Admin);

        page.WaitForElement("[data-test=payment-not-found]", PaymentComponentHost.ReadTimeout);
        Assert.Empty(page.FindAll("[data-test=payment-summary]"));
    }

    private IRenderedComponent<PaymentDetailPage> Open(Guid id, MerchantRole role) =>
        host.Context.Render<PaymentDetailPage>(p => p.Add(c => c.Id, id).AddCascadingValue(host.AccessAs(role)));

    private static string Text(IRenderedComponent<PaymentDetailPage> page, string test) => page.Find($"[data-test={test}]").TextContent.Trim();
}
