using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Identity;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Tests.Unit.Identity;

[Trait("Tier", "Unit")]
public sealed class OneTimePasswordTests
{
    [Fact]
    public async Task Generate_200Times_EverySatisfiesThePortalPasswordPolicy()
    {
        await using var services = IdentityServices();
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        Assert.Equal(12, users.Options.Password.RequiredLength);
        var user = new PortalUser { UserName = "someone@example.com" };

        for (var i = 0; i < 200; i++)
        {
            var password = OneTimePassword.Generate();
            foreach (var validator in users.PasswordValidators)
            {
                var result = await validator.ValidateAsync(users, user, password);
                Assert.True(result.Succeeded, $"{password}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
            }
        }
    }

    [Fact]
    public void Generate_ManyTimes_NeverRepeats()
    {
        var passwords = Enumerable.Range(0, 200).Select(_ => OneTimePassword.Generate()).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(200, passwords.Count);
    }

    [Theory]
    [InlineData(12)]
    [InlineData(32)]
    public void Generate_Length_IsHonoured(int length)
    {
        Assert.Equal(length, OneTimePassword.Generate(length).Length);
    }

    // Identity as AddPortalIdentity configures it; the connection string is never opened by password validation.
    private static ServiceProvider IdentityServices()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddSingleton<ITenantScope>(FixedTenantScope.None);
        services.AddDbContext<PortalDbContext>(o => PortalDatabase.Configure(o, "Host=127.0.0.1;Database=never_opened"));
        services.AddPortalIdentity();
        return services.BuildServiceProvider();
    }
}
