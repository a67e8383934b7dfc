namespace PaymentsPortal.Core.Payments.Links;

/// <summary>What a person decided about a link. Expiry and use are not stored states: they follow from the time and the payments.</summary>
public enum PaymentLinkStatus
{
    Active = 1,
    Deactivated = 2,
}

/// <summary>Whether a link can be paid now, and if not, why: what the public page and the staff list both show.</summary>
public enum PaymentLinkAvailability
{
    Payable = 1,
    Expired = 2,
    UsedUp = 3,
    Deactivated = 4,
}
