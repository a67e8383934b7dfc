using Microsoft.AspNetCore.Components;
using PaymentsPortal.Core.Payments.Details;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Components.Pages.Payments;

/// <summary>
/// One section of the payment page. The page reads the payment once and hands it to each section in reading order;
/// a section decides what of it to show, and whether to show itself at all, from the viewer's permissions. Refunds
/// join the page as one more section of this kind (PaymentRefundsSection), after the attempts.
/// </summary>
public abstract class PaymentSectionBase : ComponentBase
{
    [Parameter, EditorRequired]
    public PaymentDetail Payment { get; set; } = default!;

    [CascadingParameter]
    protected UserAccess Access { get; set; } = UserAccess.Anonymous;
}
