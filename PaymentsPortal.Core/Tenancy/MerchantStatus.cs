namespace PaymentsPortal.Core.Tenancy;

public enum MerchantStatus
{
    Active = 1,

    /// <summary>Members cannot open a suspended merchant; its data stays as it was.</summary>
    Suspended = 2,
}
