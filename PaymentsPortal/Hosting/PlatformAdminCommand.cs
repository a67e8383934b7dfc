using PaymentsPortal.Core.Identity;

namespace PaymentsPortal.Hosting;

/// <summary>
/// <c>create-platform-admin --email ops@example.com [--name "Ops Lead"]</c>: creates the first platform
/// administrator of a real installation and prints a one-time password that must be changed at first sign-in.
/// </summary>
public static class PlatformAdminCommand
{
    private const string Verb = "create-platform-admin";

    public static bool Matches(string[] args) => args.Length > 0 && args[0] == Verb;

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var email = Option(args, "--email");
        var name = Option(args, "--name") ?? "Platform administrator";
        if (email is null)
        {
            await Console.Error.WriteLineAsync($"Usage: {Verb} --email ADDRESS [--name \"Display Name\"]");
            return 2;
        }

        var result = await app.Services.GetRequiredService<PlatformAdminBootstrap>().CreateAsync(email, name);
        if (!result.Succeeded)
        {
            await Console.Error.WriteLineAsync(result.Error);
            return 1;
        }

        // Written to the terminal only, never to the logs.
        await Console.Out.WriteLineAsync(result.Value!.OneTimePassword is { } password
            ? $"Platform administrator {email} created. One-time password (shown once, must be changed at first sign-in): {password}"
            : $"{email} already had an account and is now a platform administrator.");
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
