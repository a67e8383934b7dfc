using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Routing;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Payments.Live;
using PaymentsPortal.Tests.Integration.Gateways.Routing;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Payments.Live;

/// <summary>
/// The feed listens on its own connection, as another app instance would: every committed payment change reaches it
/// through PostgreSQL, and nothing that was rolled back does.
/// </summary>
[Trait("Tier", "Integration")]
public sealed class PaymentChangeFeedTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private readonly ScriptedGateway stripe = new(GatewayKind.Stripe);
    private readonly ConcurrentQueue<PaymentChange> seen = new();
    private CoreHost host = default!;
    private PaymentChangeFeed feed = default!;
    private Guid coffee;

    public async Task InitializeAsync()
    {
        host = await CoreHost.StartAsync(configure: services => services.AddSingleton<IGatewayAdapterFactory>(stripe));
        coffee = await host.MerchantIdAsync(DemoData.DemoCoffee);
        await GatewayChains.ConfigureAsync(host, coffee, GatewayKind.Stripe);
        feed = new PaymentChangeFeed(host.Database.AppConnectionString, NullLogger<PaymentChangeFeed>.Instance, TimeProvider.System);
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        feed.Resubscribed += () => listening.TrySetResult();
        feed.Changed += seen.Enqueue;
        await feed.StartAsync(CancellationToken.None);
        await listening.Task.WaitAsync(Patience);
    }

    public async Task DisposeAsync()
    {
        await feed.StopAsync(CancellationToken.None);
        feed.Dispose();
        await host.DisposeAsync();
    }

    [Fact]
    public async Task Payment_MadeOnAnotherConnection_IsHeardAtEachStatusItCommitted()
    {
        var succeeded = WaitForAsync(c => c.Status == PaymentStatus.Succeeded);

        var result = await host.Service<PaymentRouter>().PayAsync(new PayCommand(coffee, Guid.NewGuid().ToString(), new Money(12_00, Currency.Usd),
            new PaymentToken(GatewayKind.Stripe, "pm_card_visa"), true, null, null, null, AuditActor.System("test"), null));

        var change = await succeeded;
        Assert.Equal((coffee, result.PaymentId!.Value), (change.MerchantId, change.PaymentId));
        Assert.Equal([PaymentStatus.Created, PaymentStatus.Processing, PaymentStatus.Succeeded],
            seen.Where(c => c.PaymentId == change.PaymentId).Select(c => c.Status));
    }

    [Fact]
    public async Task Change_RolledBack_IsNeverHeard()
    {
        var succeeded = WaitForAsync(c => c.Status == PaymentStatus.Succeeded);
        var result = await host.Service<PaymentRouter>().PayAsync(new PayCommand(coffee, Guid.NewGuid().ToString(), new Money(12_00, Currency.Usd),
            new PaymentToken(GatewayKind.Stripe, "pm_card_visa"), true, null, null, null, AuditActor.System("test"), null));
        var id = result.PaymentId!.Value;
        Assert.Equal(id, (await succeeded).PaymentId);

        await using (var db = host.Context(coffee))
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE payments SET refunded_minor = 100 WHERE merchant_id = {coffee} AND id = {id}");
            await tx.RollbackAsync();
        }

        // A committed change after the rolled-back one: once it is heard, the rolled-back one would have been heard first.
        var marker = WaitForAsync(c => c.PaymentId == id && c.Status == PaymentStatus.Failed);
        await using (var db = host.Context(coffee))
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE payments SET status = 'Failed' WHERE merchant_id = {coffee} AND id = {id}");
        }

        await marker;
        Assert.Equal([PaymentStatus.Created, PaymentStatus.Processing, PaymentStatus.Succeeded, PaymentStatus.Failed],
            seen.Where(c => c.PaymentId == id).Select(c => c.Status));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-guid:also-not:Succeeded")]
    [InlineData("0b6d3c1e-8a8e-4c39-9a59-8f35a5b1a5a1:0b6d3c1e-8a8e-4c39-9a59-8f35a5b1a5a2:Exploded")]
    public void Parse_Garbage_IsNull(string payload) => Assert.Null(PaymentChange.Parse(payload));

    private Task<PaymentChange> WaitForAsync(Func<PaymentChange, bool> match)
    {
        var heard = new TaskCompletionSource<PaymentChange>(TaskCreationOptions.RunContinuationsAsynchronously);
        feed.Changed += change =>
        {
            if (match(change))
            {
                heard.TrySetResult(change);
            }
        };
        return heard.Task.WaitAsync(Patience);
    }
}
