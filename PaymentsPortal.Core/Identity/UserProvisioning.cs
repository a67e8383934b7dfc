using Microsoft.AspNetCore.Identity;
using PaymentsPortal.Core.Common;

namespace PaymentsPortal.Core.Identity;

/// <summary>Finds a user by email, or creates one with a one-time password they must change at first sign-in.</summary>
public static class UserProvisioning
{
    public static async Task<CommandResult<ProvisionedUser>> FindOrCreateAsync(
        UserManager<PortalUser> users, string email, string displayName, TimeProvider clock)
    {
        email = email.Trim();
        displayName = displayName.Trim();
        if (!EmailAddress.IsValid(email))
        {
            return CommandResult.Failure<ProvisionedUser>("Enter a valid email address.");
        }

        var existing = await users.FindByEmailAsync(email);
        if (existing is not null)
        {
            return existing.IsDisabled
                ? CommandResult.Failure<ProvisionedUser>("That user is disabled on the platform.")
                : CommandResult.Returning(new ProvisionedUser(existing, null));
        }

        if (displayName.Length is 0 or > 100)
        {
            return CommandResult.Failure<ProvisionedUser>("Enter the person's name (at most 100 characters).");
        }

        var user = new PortalUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = displayName,
            MustChangePassword = true,
            CreatedAt = clock.GetUtcNow(),
        };
        var password = OneTimePassword.Generate();
        var created = await users.CreateAsync(user, password);
        return created.Succeeded
            ? CommandResult.Returning(new ProvisionedUser(user, password))
            : CommandResult.Failure<ProvisionedUser>(string.Join(" ", created.Errors.Select(e => e.Description)));
    }
}

/// <summary>A user found or created; <see cref="OneTimePassword"/> is set only when the account is new.</summary>
public sealed record ProvisionedUser(PortalUser User, string? OneTimePassword);
