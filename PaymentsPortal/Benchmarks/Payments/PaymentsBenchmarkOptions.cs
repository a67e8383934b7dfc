using System.Globalization;

namespace PaymentsPortal.Benchmarks.Payments;

/// <summary>The knobs of <c>benchmark payments</c>; the defaults give a full run in about four minutes on two cores.</summary>
/// <param name="Clients">Concurrent clients of the throughput phases, each waiting for its payment before the next.</param>
/// <param name="Merchants">Merchants the clients are spread over, round-robin (each has its own audit chain).</param>
/// <param name="FailoverClients">Concurrent checkouts in the failover phase.</param>
/// <param name="PrimaryTimeout">The attempt timeout on Stripe, the primary, in the failover merchants' chain.</param>
/// <param name="OpenWindow">How long payments are measured once the primary's breaker is open; kept inside its 15 s break.</param>
internal sealed record PaymentsBenchmarkOptions(
    int Clients, int Merchants, TimeSpan Phase, TimeSpan Warmup, int FailoverClients, TimeSpan PrimaryTimeout, TimeSpan OpenWindow,
    bool Throughput = true, bool Failover = true)
{
    public const string Usage =
        "Usage: benchmark payments [--seconds 10] [--warmup 10] [--clients 16] [--merchants 16] [--failover-clients <clients>] " +
        "[--primary-timeout-ms 1000] [--open-seconds 10] [--only throughput|failover]";

    /// <summary>The breaker stays open 15 s; measuring up to 14 s after it opened leaves room for the last payments to finish.</summary>
    public static readonly TimeSpan MaxOpenWindow = TimeSpan.FromSeconds(14);

    public static PaymentsBenchmarkOptions? Parse(IReadOnlyList<string> args, TextWriter errors)
    {
        // Ten seconds of warm-up per phase: a payment runs thousands of methods (EF Core, Npgsql, Stripe.net, Kestrel) and the
        // first seconds measure the JIT. Past ten the numbers stopped moving: thirty seconds, or no tiering at all
        // (DOTNET_TieredCompilation=0), gave the same throughput, although the JIT goes on tiering methods up for minutes.
        var options = new PaymentsBenchmarkOptions(16, 16, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10), 0, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
        int? failoverClients = null;
        for (var i = 0; i < args.Count; i += 2)
        {
            if (args[i] == "--only" && i + 1 < args.Count && args[i + 1] is "throughput" or "failover")
            {
                options = options with { Throughput = args[i + 1] == "throughput", Failover = args[i + 1] == "failover" };
                continue;
            }

            if (i + 1 >= args.Count || !double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0)
            {
                errors.WriteLine($"Option {args[i]} needs a non-negative number.");
                return null;
            }

            PaymentsBenchmarkOptions? next = args[i] switch
            {
                "--seconds" when value > 0 => options with { Phase = TimeSpan.FromSeconds(value) },
                "--warmup" => options with { Warmup = TimeSpan.FromSeconds(value) },
                "--clients" when value >= 1 => options with { Clients = (int)value },
                "--merchants" when value >= 1 => options with { Merchants = (int)value },
                "--failover-clients" when value >= 1 => options,
                "--primary-timeout-ms" when value >= 100 => options with { PrimaryTimeout = TimeSpan.FromMilliseconds(value) },
                "--open-seconds" when value >= 1 && TimeSpan.FromSeconds(value) <= MaxOpenWindow => options with { OpenWindow = TimeSpan.FromSeconds(value) },
                _ => null,
            };
            if (next is null)
            {
                errors.WriteLine($"Unknown option or value out of range: {args[i]} {args[i + 1]}");
                return null;
            }

            failoverClients = args[i] == "--failover-clients" ? (int)value : failoverClients;
            options = next;
        }

        return options with { FailoverClients = failoverClients ?? options.Clients };
    }
}
