using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PaymentsPortal.Components.Pages.Refunds;
using PaymentsPortal.Core.Payments.Refunds;
using PaymentsPortal.Tests.Components.Payments;
using PaymentsPortal.Tests.Integration.Payments.Refunds;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Components.Refunds;

/// <summary>
/// The refund dialog in bUnit over the real refund use case and PostgreSQL (Demo Coffee, approval above 100.00 USD, a
/// scripted Stripe): what it prefills, what it says about approval, and that a refused amount keeps it open and sends nothing.
/// </summary>
[Trait("Tier", "Component")]
public sealed class RefundDialogTests : IAsyncLifetime
{
    private RefundTestBed bed = default!;
    private BunitContext context = default!;

    public async Task InitializeAsync()
    {
        bed = await RefundTestBed.StartAsync();
        context = MudBunit.Create(services => services.AddSingleton(bed.Host.Service<RefundRequests>()));
    }

    public async Task DisposeAsync()
    {
        await context.DisposeAsync();
        await bed.DisposeAsync();
    }

    [Fact]
    public async Task Opens_WithWhatRemains_AndSaysWhenApprovalIsNeeded()
    {
        var (dialog, _) = await OpenAsync(await bed.CapturedPaymentAsync(150_00), "support@demo.local");

        Assert.Equal("150.00", dialog.Find("[data-test=refund-amount]").GetAttribute("value"));
        Assert.Contains("Above the approval threshold of 100.00 USD", dialog.Find("[data-test=refund-approval-hint]").TextContent, StringComparison.Ordinal);

        dialog.Find("[data-test=refund-amount]").Input("20.00");

        dialog.WaitForRead(() => Assert.Contains("goes to the gateway at once", dialog.Find("[data-test=refund-approval-hint]").TextContent, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("1.005", "USD has 2 decimal places at most")]
    [InlineData("60.01", "At most 60.00 USD can still be refunded")]
    public async Task RefusedAmount_IsExplained_KeepsTheDialogOpen_AndRefundsNothing(string amount, string explained)
    {
        var paymentId = await bed.CapturedPaymentAsync(60_00);
        var (dialog, result) = await OpenAsync(paymentId, "support@demo.local");

        dialog.Find("[data-test=refund-amount]").Input(amount);
        dialog.Find("[data-test=refund-reason]").Input("Customer changed their mind");
        await dialog.Find("[data-test=refund-submit]").ClickAsync(new());

        dialog.WaitForRead(() => Assert.Contains(explained, dialog.Find("[data-test=refund-error]").TextContent, StringComparison.OrdinalIgnoreCase));
        Assert.False(result.IsCompleted);
        Assert.Empty(await RefundsOfAsync(paymentId));
        Assert.Empty(bed.Stripe.RefundCalls);
    }

    [Fact]
    public async Task WithinTheThreshold_RefundsAtOnce_AndClosesWithTheOutcome()
    {
        var paymentId = await bed.CapturedPaymentAsync(80_00);
        var (dialog, result) = await OpenAsync(paymentId, "support@demo.local");

        dialog.Find("[data-test=refund-amount]").Input("25.50");
        dialog.Find("[data-test=refund-reason]").Input("Damaged in transit");
        await dialog.Find("[data-test=refund-submit]").ClickAsync(new());

        var outcome = await result.WaitAsync(PaymentComponentHost.ReadTimeout);
        Assert.Equal(RefundStatus.Succeeded, outcome?.Status);
        var refund = Assert.Single(await RefundsOfAsync(paymentId));
        Assert.Equal(25_50, refund.AmountMinor);
        Assert.Single(bed.Stripe.RefundCalls);
    }

    [Fact]
    public async Task AboveTheThreshold_WaitsForApproval_WithoutCallingTheGateway()
    {
        var paymentId = await bed.CapturedPaymentAsync(250_00);
        var (dialog, result) = await OpenAsync(paymentId, "admin@demo.local");

        dialog.Find("[data-test=refund-reason]").Input("Order cancelled");
        await dialog.Find("[data-test=refund-submit]").ClickAsync(new());

        Assert.Equal(RefundStatus.PendingApproval, (await result.WaitAsync(PaymentComponentHost.ReadTimeout))?.Status);
        Assert.Empty(bed.Stripe.RefundCalls);
    }

    private async Task<(IRenderedComponent<MudDialogProvider> Dialog, Task<RefundOutcome?> Result)> OpenAsync(Guid paymentId, string email)
    {
        var provider = context.Render<MudDialogProvider>();
        var refunds = await bed.Host.Service<RefundQueries>().ForPaymentAsync(bed.MerchantId, paymentId);
        var access = await bed.AccessAsync(email);
        var dialogs = context.Services.GetRequiredService<IDialogService>();
        Task<RefundOutcome?> result = Task.FromResult<RefundOutcome?>(null);
        // A statement lambda: the Action overload returns once the dialog is shown, where a Func<Task> would wait for it to close.
        await provider.InvokeAsync(() => { result = RefundDialog.AskAsync(dialogs, refunds!, access); });
        provider.WaitForRead(() => Assert.NotNull(provider.Find("[data-test=refund-submit]")));
        return (provider, result);
    }

    private async Task<List<Refund>> RefundsOfAsync(Guid paymentId)
    {
        await using var db = bed.Host.Context(bed.MerchantId);
        return await db.Refunds.AsNoTracking().Where(r => r.PaymentId == paymentId).ToListAsync();
    }
}
