using Microsoft.Extensions.Options;

namespace PaymentsPortal.Core.Banking.Plaid;

/// <summary>
/// Checks the "Plaid" section, for <c>ValidateOnStart</c>: a wrong setting stops the app at start instead of failing the
/// first bank link. Messages name the setting, never its value: the secret must not reach a log through a failed start.
/// </summary>
public sealed class PlaidOptionsValidator : IValidateOptions<PlaidOptions>
{
    public static readonly TimeSpan MinimumTimeout = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan MaximumTimeout = TimeSpan.FromMinutes(10);

    public ValidateOptionsResult Validate(string? name, PlaidOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Environment))
        {
            failures.Add("Plaid:Environment must be Sandbox, Production or Simulator.");
        }
        else if (options.Environment == PlaidEnvironment.Development)
        {
            failures.Add("Plaid:Environment Development was retired by Plaid in June 2024: use Sandbox for test data, " +
                "or Production (which includes Plaid's free limited Production) for real banks.");
        }

        if (options.IsConfigured && CredentialProblem("Plaid:ClientId", options.ClientId) is { } clientId)
        {
            failures.Add(clientId);
        }

        if (options.IsConfigured && CredentialProblem("Plaid:Secret", options.Secret) is { } secret)
        {
            failures.Add(secret);
        }

        if (BaseAddressProblem(options) is { } address)
        {
            failures.Add(address);
        }

        if (options.Timeout < MinimumTimeout || options.Timeout > MaximumTimeout)
        {
            failures.Add("Plaid:Timeout must be between 1 second and 10 minutes.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // Both travel as HTTP headers: a space or line break (a bad paste) would break the header or, worse, split it.
    private static string? CredentialProblem(string setting, string? value) =>
        string.IsNullOrWhiteSpace(value) ? setting + " is required."
        : value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || !char.IsAscii(c)) ? setting + " must not contain spaces, line breaks or non-ASCII characters."
        : null;

    private static string? BaseAddressProblem(PlaidOptions options)
    {
        var address = options.BaseAddress;
        if (address is null)
        {
            return options.Environment == PlaidEnvironment.Simulator
                ? "Plaid:BaseAddress is required for the Simulator environment (the loopback simulator's address)."
                : null;
        }

        if (!address.IsAbsoluteUri || !string.IsNullOrEmpty(address.Query) || !string.IsNullOrEmpty(address.Fragment) || !string.IsNullOrEmpty(address.UserInfo))
        {
            return "Plaid:BaseAddress must be an absolute URL without user info, query or fragment.";
        }

        // The secret travels in a header: outside the loopback simulator it must never cross plain HTTP.
        var https = address.Scheme == Uri.UriSchemeHttps;
        return options.Environment == PlaidEnvironment.Simulator
            ? https || address.Scheme == Uri.UriSchemeHttp ? null : "Plaid:BaseAddress must be an http or https URL."
            : https ? null : "Plaid:BaseAddress must be an https URL outside the Simulator environment.";
    }
}
