using PaymentsPortal.Core.Banking.Links;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Sandbox.Plaid;
using PaymentsPortal.Tests.Integration.Sandbox.Plaid;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Banking.Plaid;

/// <summary>Core's banking services over a fresh database, with the real Plaid client pointed at a Plaid simulator of the test's own.</summary>
internal sealed class PlaidBankBed : IAsyncDisposable
{
    public static readonly Uri AppBase = new("http://127.0.0.1:9/");

    private PlaidBankBed(PlaidSandbox plaid, CoreHost host, Guid merchantId, UserAccess admin)
    {
        Plaid = plaid;
        Host = host;
        MerchantId = merchantId;
        Admin = admin;
    }

    public PlaidSandbox Plaid { get; }

    public CoreHost Host { get; }

    public Guid MerchantId { get; }

    public UserAccess Admin { get; }

    /// <param name="settings">Further configuration, on top of the simulator's address and credentials.</param>
    public static async Task<PlaidBankBed> StartAsync(TimeProvider? clock = null, IDictionary<string, string?>? settings = null)
    {
        var plaid = await PlaidSandbox.StartAsync();
        var configuration = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["Plaid:Environment"] = "Simulator",
            ["Plaid:BaseAddress"] = plaid.Host.Address.AbsoluteUri,
            ["Plaid:ClientId"] = PlaidSimulatorOptions.Sandbox.ClientId,
            ["Plaid:Secret"] = PlaidSimulatorOptions.Sandbox.Secret,
        };
        var host = await CoreHost.StartAsync(clock: clock, settings: configuration);
        var merchantId = await host.MerchantIdAsync(DemoData.DemoCoffee);
        return new PlaidBankBed(plaid, host, merchantId, await host.ResolveAsync("admin@demo.local", merchantId));
    }

    /// <summary>Links First Platypus Bank as an Admin would: a Plaid item, its public token from Link, and the portal's completion.</summary>
    public async Task<(BankLink Link, PlaidSimulatedItem Item)> LinkAsync(string institutionId = PlaidInstitution.FirstPlatypusBank)
    {
        var item = Plaid.Simulator.CreateItem(institutionId, "http://127.0.0.1:9/" + BankLinking.WebhookPath(MerchantId));
        var linked = await Host.Service<BankLinking>().CompleteLinkAsync(Admin, Plaid.Simulator.PublicTokenFor(item.ItemId)!, "First Platypus Bank");
        Assert.True(linked.Succeeded, linked.Error);
        return (linked.Value!, item);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Plaid.DisposeAsync();
    }
}
