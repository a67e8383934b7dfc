using Microsoft.AspNetCore.Identity;

namespace PaymentsPortal.Core.Identity;

/// <summary>
/// Authenticator (TOTP) codes that work once. Identity's own provider accepts the same code again
/// for as long as it is valid; PCI DSS v4 8.5.1 asks that MFA resist replay, so the last accepted
/// time step is stored and only later steps are accepted.
/// </summary>
public sealed class ReplayProtectedAuthenticatorTokenProvider(TimeProvider clock) : IUserTwoFactorTokenProvider<PortalUser>
{
    private const string LoginProvider = "PaymentsPortal";
    private const string LastStepToken = "AuthenticatorLastStep";

    public Task<string> GenerateAsync(string purpose, UserManager<PortalUser> manager, PortalUser user) =>
        Task.FromResult(""); // The code comes from the user's app; the server never sends one.

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<PortalUser> manager, PortalUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<PortalUser> manager, PortalUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrWhiteSpace(key) || token.Length != 6 || !token.All(char.IsAsciiDigit))
        {
            return false;
        }

        var stored = await manager.GetAuthenticationTokenAsync(user, LoginProvider, LastStepToken);
        var lastStep = long.TryParse(stored, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : long.MinValue;
        var keyBytes = TimeStepCode.DecodeKey(key);
        var now = TimeStepCode.StepAt(clock.GetUtcNow());

        // One step either side tolerates clock drift between the phone and the server.
        for (var step = now - 1; step <= now + 1; step++)
        {
            if (step > lastStep && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                    System.Text.Encoding.ASCII.GetBytes(TimeStepCode.Compute(keyBytes, step)),
                    System.Text.Encoding.ASCII.GetBytes(token)))
            {
                // The user row's concurrency stamp makes a second, simultaneous use of the code fail here.
                var saved = await manager.SetAuthenticationTokenAsync(user, LoginProvider, LastStepToken,
                    step.ToString(System.Globalization.CultureInfo.InvariantCulture));
                return saved.Succeeded;
            }
        }

        return false;
    }
}
