using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Hosting;

/// <summary>
/// Where a signed-in user must go before anything else: replacing a one-time password, then
/// enrolling a required second factor. Null when nothing is pending.
/// </summary>
public static class PendingAccountStep
{
    public static string? PathFor(UserAccess access) =>
        access.MustChangePassword ? "/account/manage/password"
        : access.MustEnrollTwoFactor ? "/account/manage/two-factor"
        : null;
}
