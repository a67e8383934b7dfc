using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Components.Shared;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Components.Access;

/// <summary>
/// Where a page the user may not open sends them. A session whose account was disabled while it was open still carries an
/// authenticated cookie until revalidation notices; it must go to sign-in (a full load), not to "access denied", which would
/// strand it there.
/// </summary>
[Trait("Tier", "Component")]
public sealed class NotAuthorizedRedirectTests : IAsyncLifetime
{
    private CoreHost core = default!;
    private AsyncServiceScope scope;
    private BunitContext context = default!;

    private BunitNavigationManager Navigation => (BunitNavigationManager)context.Services.GetRequiredService<NavigationManager>();

    public async Task InitializeAsync()
    {
        core = await CoreHost.StartAsync();
        scope = core.Services.CreateAsyncScope();
        context = MudBunit.Create(services => services
            .AddSingleton(scope.ServiceProvider.GetRequiredService<CurrentAccess>())
            .AddSingleton(core.Service<AccountAuditLog>()));
    }

    public async Task DisposeAsync()
    {
        await context.DisposeAsync();
        await scope.DisposeAsync();
        await core.DisposeAsync();
    }

    [Fact]
    public async Task AccountDisabledWhileSignedIn_GoesToSignInWithAFullLoad()
    {
        var user = await core.UserAsync("compliance@demo.local");
        await using (var db = core.Context(null))
        {
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.IsDisabled, true));
        }

        var went = Went(Open("/payments", user.Id), "/account/login?returnUrl=%2Fpayments");

        Assert.True(went.Options.ForceLoad);
    }

    [Fact]
    public async Task ActiveMemberWithoutThePermission_IsDenied()
    {
        var user = await core.UserAsync("viewer@demo.local");

        var went = Went(Open("/settings/webhooks", user.Id), "/access-denied");

        Assert.False(went.Options.ForceLoad);
    }

    private IRenderedComponent<NotAuthorizedRedirect> Open(string path, Guid userId)
    {
        Navigation.NavigateTo(path);
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId.ToString())], "test"));
        return context.Render<NotAuthorizedRedirect>(p => p.AddCascadingValue(Task.FromResult(new AuthenticationState(principal))));
    }

    // The redirect reads the account first, so it lands after the first render.
    private NavigationHistory Went(IRenderedComponent<NotAuthorizedRedirect> rendered, string path)
    {
        rendered.WaitForAssertion(() => Assert.Equal(path, Navigation.History.First().Uri), TimeSpan.FromSeconds(10));
        return Navigation.History.First();
    }
}
