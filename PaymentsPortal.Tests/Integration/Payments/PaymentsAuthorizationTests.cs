using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Payments.Checkout;
using PaymentsPortal.Core.Payments.Export;
using PaymentsPortal.Core.Payments.Links;
using PaymentsPortal.Core.Payments.Refunds;
using PaymentsPortal.Core.Payments.Search;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Tests.Integration.Payments.Refunds;

namespace PaymentsPortal.Tests.Integration.Payments;

/// <summary>
/// Every payments action for every merchant role, called on the use cases themselves (not through the UI that hides the
/// buttons): a role the permission matrix grants the action succeeds, every other role is refused with nothing changed,
/// and a member acting in another merchant cannot reach Demo Coffee's payments or refunds.
/// </summary>
[Trait("Tier", "Integration")]
public sealed class PaymentsAuthorizationTests : IAsyncLifetime
{
    public static readonly TheoryData<MerchantRole> Roles = [.. Enum.GetValues<MerchantRole>()];

    private static readonly Dictionary<MerchantRole, string> Members = new()
    {
        [MerchantRole.Admin] = "admin@demo.local",
        [MerchantRole.Operator] = "operator@demo.local",
        [MerchantRole.Support] = "support@demo.local",
        [MerchantRole.Compliance] = "compliance@demo.local",
        [MerchantRole.Viewer] = "viewer@demo.local",
    };

    private RefundTestBed bed = default!;

    public async Task InitializeAsync() => bed = await RefundTestBed.StartAsync();

    public async Task DisposeAsync() => await bed.DisposeAsync();

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task RequestRefund_SucceedsExactlyForTheRolesGrantedIt(MerchantRole role)
    {
        var paymentId = await bed.CapturedPaymentAsync(50_00);

        var result = await bed.RequestAsync(Members[role], paymentId, 10_00);

        AssertDecided(role, Permission.RefundsRequest, result.Succeeded, result.Error, "Your role cannot refund payments.");
        Assert.Equal(Granted(role, Permission.RefundsRequest) ? 10_00 : 0, (await bed.PaymentAsync(paymentId)).RefundedMinor);
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task ApproveRefund_SucceedsExactlyForTheRolesGrantedIt(MerchantRole role)
    {
        // Asked for by Support, so the Admin deciding is not the requester.
        var pending = (await bed.RequestAsync("support@demo.local", await bed.CapturedPaymentAsync(500_00), 400_00)).Value!;

        var result = await bed.Host.Service<RefundDecisions>().ApproveAsync(await bed.AccessAsync(Members[role]), pending.RefundId, null);

        AssertDecided(role, Permission.RefundsApprove, result.Succeeded, result.Error, "Your role cannot decide on refunds.");
        Assert.Equal(Granted(role, Permission.RefundsApprove) ? RefundStatus.Succeeded : RefundStatus.PendingApproval, (await bed.RefundAsync(pending.RefundId)).Status);
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task RejectRefund_SucceedsExactlyForTheRolesGrantedIt(MerchantRole role)
    {
        var pending = (await bed.RequestAsync("support@demo.local", await bed.CapturedPaymentAsync(500_00), 400_00)).Value!;

        var result = await bed.Host.Service<RefundDecisions>().RejectAsync(await bed.AccessAsync(Members[role]), pending.RefundId, "Not ours to refund");

        AssertDecided(role, Permission.RefundsApprove, result.Succeeded, result.Error, "Your role cannot decide on refunds.");
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task SetApprovalThreshold_SucceedsExactlyForTheRolesGrantedIt(MerchantRole role)
    {
        var result = await bed.Host.Service<RefundThresholds>().SetAsync(await bed.AccessAsync(Members[role]), new Money(999_00, Currency.Usd));

        AssertDecided(role, Permission.RefundSettingsManage, result.Succeeded, result.Error, "Your role cannot change refund settings.");
        var usd = (await bed.Host.Service<RefundThresholds>().ListAsync(bed.MerchantId)).Single(t => t.Currency == Currency.Usd);
        Assert.Equal(Granted(role, Permission.RefundSettingsManage) ? 999_00 : 100_00, usd.MinorUnits);
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task ExportPayments_SucceedsExactlyForTheRolesGrantedIt(MerchantRole role)
    {
        var result = await bed.Host.Service<PaymentExports>().RequestAsync(await bed.AccessAsync(Members[role]), PaymentFilter.None, PaymentSort.NewestFirst);

        AssertDecided(role, Permission.PaymentsExport, result.Succeeded, result.Error, "Your role cannot export payments.");
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task TakePaymentInTheVirtualTerminal_SucceedsExactlyForTheRolesGrantedIt(MerchantRole role)
    {
        var outcome = await bed.Host.Service<VirtualTerminal>().PayAsync(await bed.AccessAsync(Members[role]), new TerminalPayment(
            VirtualTerminal.NewCheckoutKey(), new Money(12_00, Currency.Usd), new PaymentToken(GatewayKind.Stripe, "pm_card_visa"), "Authorization test", null));

        AssertDecided(role, Permission.PaymentsTake, outcome.Stage == CheckoutStage.Paid, outcome.Message, "Your role cannot take payments.");
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task CreateAndDeactivatePaymentLink_SucceedExactlyForTheRolesGrantedIt(MerchantRole role)
    {
        var links = bed.Host.Service<PaymentLinks>();
        var access = await bed.AccessAsync(Members[role]);

        var created = await links.CreateAsync(access, new NewPaymentLink("25.00", "USD", "Authorization test", bed.Clock.GetUtcNow().AddDays(7), 1));

        AssertDecided(role, Permission.PaymentLinksManage, created.Succeeded, created.Error, "Your role cannot manage payment links.");
        var existing = created.Value ?? (await links.CreateAsync(await bed.AccessAsync(Members[MerchantRole.Admin]),
            new NewPaymentLink("25.00", "USD", "Made by an Admin", bed.Clock.GetUtcNow().AddDays(7), 1))).Value!;
        var deactivated = await links.DeactivateAsync(access, existing.Id);
        AssertDecided(role, Permission.PaymentLinksManage, deactivated.Succeeded, deactivated.Error, "Your role cannot manage payment links.");
    }

    [Fact]
    public async Task AMemberActingInAnotherMerchant_CannotRefundOrDecideOnItsPayments()
    {
        var paymentId = await bed.CapturedPaymentAsync(500_00);
        var pending = (await bed.RequestAsync("support@demo.local", paymentId, 400_00)).Value!;
        // Nora is Admin of Northwind (and, in this test bed, of Demo Coffee too): acting in Northwind, Demo Coffee is out of reach.
        var inNorthwind = await bed.Host.ResolveAsync(RefundTestBed.SecondAdminEmail, await bed.Host.MerchantIdAsync(DemoData.Northwind));

        var refund = await bed.Host.Service<RefundRequests>().RequestAsync(inNorthwind,
            new NewRefund(paymentId, new Money(10_00, Currency.Usd), "Cross-merchant attempt", Guid.NewGuid().ToString()));
        var approval = await bed.Host.Service<RefundDecisions>().ApproveAsync(inNorthwind, pending.RefundId, null);
        var export = await bed.Host.Service<PaymentExports>().RequestAsync(inNorthwind, PaymentFilter.None, PaymentSort.NewestFirst);

        Assert.Equal("No such payment.", refund.Error);
        Assert.Equal("No such refund.", approval.Error);
        Assert.Equal(RefundStatus.PendingApproval, (await bed.RefundAsync(pending.RefundId)).Status);
        Assert.Equal(await bed.Host.MerchantIdAsync(DemoData.Northwind), export.Value!.MerchantId);
    }

    private static bool Granted(MerchantRole role, Permission permission) => PermissionMatrix.Grants(role, permission);

    private static void AssertDecided(MerchantRole role, Permission permission, bool succeeded, string? error, string refusal)
    {
        if (Granted(role, permission))
        {
            Assert.True(succeeded, $"{role} holds {permission} but was refused: {error}");
        }
        else
        {
            Assert.False(succeeded, $"{role} lacks {permission} but was allowed.");
            Assert.Equal(refusal, error);
        }
    }
}
