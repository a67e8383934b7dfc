namespace PaymentsPortal.Core.Identity.StepUp;

public enum StepUpMethod
{
    Password = 1,

    /// <summary>A code from the authenticator app; each code works once.</summary>
    AuthenticatorCode = 2,
}
