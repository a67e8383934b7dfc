using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using PaymentsPortal.Core;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Braintree;
using PaymentsPortal.Core.Gateways.Routing;
using PaymentsPortal.Core.Gateways.Settings;
using PaymentsPortal.Core.Gateways.Stripe;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Benchmarks.Payments;

/// <summary>
/// <c>benchmark payments [options]</c>, started by <c>./bench.sh payments</c>: payments per second and latency through
/// the whole core against the in-process simulators, next to plain INSERTs measured in the same run; where a payment's
/// time goes; and failover when Stripe is hard down. Numbers are printed, never asserted.
/// </summary>
internal static class PaymentsBenchmarkCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = PaymentsBenchmarkOptions.Parse(args[2..], Console.Error);
        if (options is null)
        {
            await Console.Error.WriteLineAsync(PaymentsBenchmarkOptions.Usage);
            return 2;
        }

        var admin = Environment.GetEnvironmentVariable(ThrowawayDatabase.AdminVariable);
        if (string.IsNullOrWhiteSpace(admin))
        {
            await Console.Error.WriteLineAsync(
                $"{ThrowawayDatabase.AdminVariable} is not set. Run ./bench.sh payments, which starts a throwaway PostgreSQL for the benchmark.");
            return 2;
        }

        await using var database = await ThrowawayDatabase.CreateAsync(admin, CancellationToken.None);
        var recorder = new StepRecorder();
        await using var provider = BuildServices(database, recorder);
        await using var simulators = await BenchmarkSimulators.StartAsync(provider.GetRequiredService<GatewayEndpoints>());

        var report = new PaymentsBenchmarkReport(await HeadingAsync(database, options));
        ThroughputResults? throughput = null;
        IReadOnlyList<StepBreakdown>? breakdown = null;
        if (options.Throughput)
        {
            var merchants = await BenchmarkMerchants.CreateAsync(provider, "Benchmark merchant", options.Merchants, BenchmarkMerchants.SandboxTimeout);
            var payments = new PaymentLoad(provider.GetRequiredService<PaymentRouter>(), merchants);
            throughput = await new ThroughputPhases(database, payments, await GatewayAloneAsync(provider, merchants[0]), options).RunAsync();
            report.AddThroughput(throughput, options);
            breakdown = await new CostBreakdownPhase(database, payments, recorder, options).RunAsync();
        }

        if (options.Failover)
        {
            report.AddFailover(await new FailoverPhase(provider, simulators, options).RunAsync());
        }

        if (breakdown is not null)
        {
            report.AddBreakdown(breakdown, throughput);
        }

        await Console.Out.WriteLineAsync();
        await Console.Out.WriteLineAsync(report.ToString());
        return 0;
    }

    /// <summary>Core's services as the app composes them, plus the timing wrappers around the gateway adapters.</summary>
    private static ServiceProvider BuildServices(ThrowawayDatabase database, StepRecorder recorder)
    {
        var services = new ServiceCollection();
        services.AddLogging();

        // Gateway secrets are stored protected; keys that live only as long as this process are all a throwaway database needs.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddPortalCore(new ConfigurationBuilder().Build(), database.AppConnectionString);
        services.AddSingleton(recorder);
        services.AddSingleton<IGatewayAdapterFactory>(sp => new TimedGatewayFactory(sp.GetRequiredService<StripeGatewayFactory>(), recorder));
        services.AddSingleton<IGatewayAdapterFactory>(sp => new TimedGatewayFactory(sp.GetRequiredService<BraintreeGatewayFactory>(), recorder));
        return services.BuildServiceProvider(validateScopes: true);
    }

    /// <summary>The Stripe step as the router makes it for this merchant: its factory (the router's, so the last one), breaker and connection.</summary>
    private static async Task<GatewayAloneLoad> GatewayAloneAsync(IServiceProvider services, Guid merchant)
    {
        await using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateForMerchant(merchant);
        var chain = await services.GetRequiredService<MerchantGatewayChain>().ForAsync(
            scope.ServiceProvider.GetRequiredService<PortalDbContext>(), merchant, CancellationToken.None);
        var stripe = chain.First(c => c.Kind == GatewayKind.Stripe);
        var factory = services.GetServices<IGatewayAdapterFactory>().Last(f => f.Kind == GatewayKind.Stripe);
        return new GatewayAloneLoad(factory, services.GetRequiredService<GatewayCircuitBreakers>(), stripe, merchant);
    }

    private static async Task<string> HeadingAsync(ThrowawayDatabase database, PaymentsBenchmarkOptions options)
    {
        var server = await database.DescribeServerAsync(CancellationToken.None);
        return string.Create(CultureInfo.InvariantCulture,
            $"Payments benchmark, {DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores ({MachineInfo.Processor}), {server}.{Environment.NewLine}" +
            $"{ReportFormat.Clients(options.Clients)} on {ReportFormat.Merchants(options.Merchants)}, {options.Phase.TotalSeconds:0.#} s per phase in 5 interleaved slices after " +
            $"{options.Warmup.TotalSeconds:0.#} s of warm-up. Each payment goes through PaymentRouter.PayAsync as the app role: Idempotency-Key, payment, " +
            $"timeline and audit entries, the attempt, the Stripe call, the outcome, the stored result. Stripe and Braintree are the Sandbox " +
            $"simulators, served in this process on loopback with no added latency.");
    }
}
