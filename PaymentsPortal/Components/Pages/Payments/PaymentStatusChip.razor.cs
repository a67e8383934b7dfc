using MudBlazor;
using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Components.Pages.Payments;

public sealed partial class PaymentStatusChip
{
    // In C#, not in the .razor file: the build's exhaustiveness rule (CS8509) then names any status added without a colour.
    public static Color ColorOf(PaymentStatus status) => status switch
    {
        PaymentStatus.Succeeded => Color.Success,
        PaymentStatus.Authorized => Color.Info,
        PaymentStatus.Failed => Color.Error,
        PaymentStatus.RequiresReconciliation or PaymentStatus.RequiresReview => Color.Warning,
        PaymentStatus.PartiallyRefunded or PaymentStatus.Refunded => Color.Secondary,
        PaymentStatus.Created or PaymentStatus.Processing or PaymentStatus.RequiresAction => Color.Primary,
        PaymentStatus.Canceled => Color.Default,
    };
}
