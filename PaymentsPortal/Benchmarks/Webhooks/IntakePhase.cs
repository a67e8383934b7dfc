using System.Globalization;
using System.Net;
using System.Text;
using Npgsql;
using PaymentsPortal.Benchmarks.Payments;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Webhooks.Inbound;
using PaymentsPortal.Core.Webhooks.Inbound.Intake;

namespace PaymentsPortal.Benchmarks.Webhooks;

/// <summary>
/// Inbound webhook intake: signed Stripe events POSTed to the running portal's endpoint over loopback HTTP, counted once the
/// portal acknowledged them (200), next to the same rows written by plain INSERTs in the same run, and the intake use case
/// called in process (signature, test/live rule, INSERT, without HTTP) to show what HTTP adds. After warm-ups, the three take
/// turns in five slices, so a burst of other work on this shared machine lands on each alike. Afterwards every acknowledged
/// event must be in the inbox exactly once.
/// </summary>
internal sealed class IntakePhase : IWebhooksBenchmarkPhase
{
    /// <summary>The targets: acknowledged events per second and the 99th percentile of the time to acknowledge.</summary>
    public const double TargetPerSecond = 2_000;

    public static readonly TimeSpan TargetP99 = TimeSpan.FromMilliseconds(50);

    private const int Rounds = 5;
    private const string Secret = "whsec_benchmark_intake_0123456789abcdef";

    public string Name => "intake";

    public async Task<string> RunAsync(WebhooksBenchmarkContext context)
    {
        var (database, portal, options) = context;
        var merchants = await MerchantsAsync(portal, options.Merchants);
        var deliveries = new StripeDeliveries(merchants, Secret);
        await PlainInboxInsert.CreateTableAsync(database);
        await using var plainSource = NpgsqlDataSource.Create(PortalDatabase.WithAutoPrepare(database.AppConnectionString));
        var plain = new PlainInboxInsert(plainSource);
        var intake = portal.Services.GetRequiredService<WebhookIntake>();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Clients, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = portal.BaseAddress,
        };

        var refused = 0L;
        var acknowledged = 0L;
        var plainSequence = 0L;
        (string Name, Func<int, Task> Operation)[] phases =
        [
            ("plain INSERTs", async _ =>
            {
                var (merchant, body, _) = deliveries.Next();
                await plain.InsertAsync(merchant, "evt_plain" + Interlocked.Increment(ref plainSequence).ToString(CultureInfo.InvariantCulture), body);
            }),
            ("intake over HTTP", async _ =>
            {
                var (merchant, body, signature) = deliveries.Next();
                using var request = new HttpRequestMessage(HttpMethod.Post, InboundWebhookPaths.For(WebhookProvider.Stripe, merchant))
                {
                    Content = new StringContent(body, Encoding.UTF8, "application/json"),
                };
                request.Headers.Add("Stripe-Signature", signature);
                using var response = await http.SendAsync(request);
                Count(response.StatusCode == HttpStatusCode.OK, ref acknowledged, ref refused);
            }),
            ("intake in process", async _ =>
            {
                var (merchant, body, signature) = deliveries.Next();
                var result = await intake.ReceiveStripeAsync(merchant, body, signature, CancellationToken.None);
                Count(result.Outcome == IntakeOutcome.Stored, ref acknowledged, ref refused);
            }),
        ];

        await database.CheckpointAsync(CancellationToken.None);
        foreach (var (name, operation) in phases.Where(_ => options.Warmup > TimeSpan.Zero))
        {
            WebhooksBenchmarkContext.Log($"{name}: warming up for {options.Warmup.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s");
            await ConcurrentLoad.RunAsync(options.Clients, options.Warmup, operation);
        }

        var slices = phases.Select(_ => new List<LoadSlice>()).ToArray();
        var slice = options.Phase / Rounds;
        for (var round = 1; round <= Rounds; round++)
        {
            WebhooksBenchmarkContext.Log($"round {round} of {Rounds}: {phases.Length} phases of {slice.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s each");
            foreach (var (i, (_, operation)) in phases.Index())
            {
                slices[i].Add(await ConcurrentLoad.RunAsync(options.Clients, slice, operation));
            }
        }

        var stored = await StoredAsync(database);
        var results = slices.Select(LatencySummary.From).ToArray();
        foreach (var (i, (name, _)) in phases.Index())
        {
            WebhooksBenchmarkContext.Log(string.Create(CultureInfo.InvariantCulture,
                $"{name}: {results[i].PerSecond:N0}/s, p50 {results[i].P50.TotalMilliseconds:0.00} ms, p99 {results[i].P99.TotalMilliseconds:0.00} ms, cores bench/pg/other {results[i].Cpu}"));
        }

        return Report(results, StripeDeliveries.EventBytes, options, Interlocked.Read(ref acknowledged), Interlocked.Read(ref refused), stored);
    }

    private static void Count(bool ok, ref long acknowledged, ref long refused)
    {
        if (ok)
        {
            Interlocked.Increment(ref acknowledged);
        }
        else
        {
            Interlocked.Increment(ref refused);
        }
    }

    /// <summary>Merchants with a test Stripe key and a webhook secret, made as an Admin would (the secret through its use case).</summary>
    private static async Task<Guid[]> MerchantsAsync(PortalUnderTest portal, int count)
    {
        var merchants = await BenchmarkMerchants.CreateAsync(portal.Services, "Webhook benchmark merchant", count, BenchmarkMerchants.SandboxTimeout);
        var secrets = portal.Services.GetRequiredService<WebhookSecretAdministration>();
        var admin = new ActingUser(Guid.Empty, "benchmark", AuditOrigin.None);
        foreach (var merchant in merchants)
        {
            var saved = await secrets.ReplaceStripeSecretAsync(merchant, admin, Secret);
            if (!saved.Succeeded)
            {
                throw new InvalidOperationException(saved.Error);
            }
        }

        return merchants;
    }

    // Every event the portal acknowledged, once: (merchant, provider, event id) is unique, so a count of rows is a count of events.
    private static async Task<long> StoredAsync(ThrowawayDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM webhook_inbox", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static string Report(LatencySummary[] results, int eventBytes, WebhooksBenchmarkOptions options, long acknowledged, long refused, long stored)
    {
        var (plain, overHttp, inProcess) = (results[0], results[1], results[2]);
        var table = new MarkdownTable("phase", "acknowledged", "p50", "p99", "max", "vs baseline", "cores: bench/pg/other", "target", "result")
        {
            TextColumns = [0, 6, 7, 8],
        };
        table.Add("plain INSERT of the same rows (the baseline)", ReportFormat.Rate(plain.PerSecond, "rows/s"), ReportFormat.Ms(plain.P50), ReportFormat.Ms(plain.P99),
            ReportFormat.Ms(plain.Max), "100%", ReportFormat.Cpu(plain.Cpu), ReportFormat.None, "");
        var met = overHttp.PerSecond >= TargetPerSecond && overHttp.P99 <= TargetP99;
        table.Add("webhook intake over HTTP (POST /webhooks/stripe/{merchant}, 200 once stored)", ReportFormat.Rate(overHttp.PerSecond, "events/s"),
            ReportFormat.Ms(overHttp.P50), ReportFormat.Ms(overHttp.P99), ReportFormat.Ms(overHttp.Max), ReportFormat.Percent(overHttp.PerSecond / plain.PerSecond),
            ReportFormat.Cpu(overHttp.Cpu), "≥ 2,000/s, p99 ≤ 50 ms", ReportFormat.Verdict(met));
        table.Add("intake use case in process, no HTTP (for reference)", ReportFormat.Rate(inProcess.PerSecond, "events/s"), ReportFormat.Ms(inProcess.P50),
            ReportFormat.Ms(inProcess.P99), ReportFormat.Ms(inProcess.Max), ReportFormat.Percent(inProcess.PerSecond / plain.PerSecond), ReportFormat.Cpu(inProcess.Cpu),
            ReportFormat.None, "");
        var integrity = refused == 0 && stored == acknowledged
            ? $"Every one of the {ReportFormat.Count(acknowledged)} acknowledged events is in the inbox once; none was refused."
            : $"PROBLEM: {ReportFormat.Count(acknowledged)} events acknowledged, {ReportFormat.Count(refused)} refused, {ReportFormat.Count(stored)} rows in the inbox.";
        return string.Create(CultureInfo.InvariantCulture,
            $"Inbound webhook intake: {ReportFormat.Clients(options.Clients)} delivering signed payment_intent.succeeded events ({eventBytes:N0} bytes) to " +
            $"{ReportFormat.Merchants(options.Merchants)}, {options.Phase.TotalSeconds:0.#} s per phase in {Rounds} interleaved slices after {options.Warmup.TotalSeconds:0.#} s of warm-up each. " +
            $"{integrity}{Environment.NewLine}{Environment.NewLine}{table}");
    }
}
