using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Audit.Search;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Payments.Details;
using PaymentsPortal.Core.Payments.Search;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Components.Payments;

/// <summary>
/// A bUnit context for the payment pages over Core's real services and a real database (demo data seeded), and the
/// signed-in access of a demo member of Demo Coffee Co. to cascade into them.
/// </summary>
public sealed class PaymentComponentHost : IAsyncDisposable
{
    private PaymentComponentHost(CoreHost core, BunitContext context, Guid coffee, Guid northwind)
    {
        Core = core;
        Context = context;
        Coffee = coffee;
        Northwind = northwind;
    }

    /// <summary>
    /// How long a test waits for the page to show what it read: a database round trip, which on a machine shared with other
    /// test runs can take far longer than bUnit's one-second default.
    /// </summary>
    public static TimeSpan ReadTimeout { get; } = TimeSpan.FromSeconds(30);

    public CoreHost Core { get; }

    public BunitContext Context { get; }

    public Guid Coffee { get; }

    public Guid Northwind { get; }

    public NavigationManager Navigation => Context.Services.GetRequiredService<NavigationManager>();

    public static async Task<PaymentComponentHost> StartAsync()
    {
        var core = await CoreHost.StartAsync();
        var context = MudBunit.Create(services => services
            .AddSingleton(core.Service<PaymentSearch>())
            .AddSingleton(core.Service<PaymentDetails>())
            .AddSingleton(core.Service<AuditSearch>())
            .AddSingleton(core.Service<AuditAccessLog>())
            .AddSingleton(core.Service<PaymentsPortal.Core.Payments.Live.PaymentChangeFeed>())
            .AddSingleton(core.Service<PaymentsPortal.Core.Payments.Refunds.RefundQueries>())
            .AddSingleton(core.Service<PaymentsPortal.Core.Payments.Disputes.DisputeQueries>())
            .AddSingleton(core.Service<PaymentsPortal.Core.Payments.Export.PaymentExports>())
            .AddSingleton(core.Service<TimeProvider>())
            .AddSingleton(new PaymentsPortal.Downloads.DownloadTickets(
                core.Service<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>(), core.Service<TimeProvider>())));
        return new PaymentComponentHost(core, context, await core.MerchantIdAsync(DemoData.DemoCoffee), await core.MerchantIdAsync(DemoData.Northwind));
    }

    /// <summary>What a demo member of Demo Coffee Co. with <paramref name="role"/> may reach, as the layout would cascade it.</summary>
    public UserAccess AccessAs(MerchantRole role)
    {
        var membership = new MerchantAccess(Coffee, DemoData.DemoCoffee, role);
        return new UserAccess(Guid.NewGuid(), $"Demo {role}", false, false, false, [membership], membership);
    }

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        await Core.DisposeAsync();
    }
}

public static class PaymentComponentWaits
{
    /// <summary><c>WaitForAssertion</c> with <see cref="PaymentComponentHost.ReadTimeout"/>.</summary>
    public static void WaitForRead<TComponent>(this IRenderedComponent<TComponent> page, Action assertion)
        where TComponent : Microsoft.AspNetCore.Components.IComponent =>
        page.WaitForAssertion(assertion, PaymentComponentHost.ReadTimeout);
}
