using MudBlazor;
using PaymentsPortal.Core.Payments.Links;

namespace PaymentsPortal.Components.Pages.PaymentLinks;

public sealed partial class PaymentLinkStatusChip
{
    // In C#, so the build's exhaustiveness rule (CS8509) names any availability added without a colour or a word.
    public static Color ColorOf(PaymentLinkAvailability availability) => availability switch
    {
        PaymentLinkAvailability.Payable => Color.Success,
        PaymentLinkAvailability.UsedUp => Color.Info,
        PaymentLinkAvailability.Expired => Color.Warning,
        PaymentLinkAvailability.Deactivated => Color.Default,
    };

    public static string TextOf(PaymentLinkAvailability availability) => availability switch
    {
        PaymentLinkAvailability.Payable => "Active",
        PaymentLinkAvailability.UsedUp => "Used up",
        PaymentLinkAvailability.Expired => "Expired",
        PaymentLinkAvailability.Deactivated => "Deactivated",
    };
}
