using System.Globalization;

namespace PaymentsPortal.Benchmarks.Webhooks;

/// <summary>
/// The knobs of <c>benchmark webhooks</c>. <see cref="Only"/> names one phase (see <see cref="WebhooksBenchmarkCommand.Phases"/>);
/// null runs them all.
/// </summary>
/// <param name="Clients">Concurrent deliveries, each waiting for its answer before the next (a provider's delivery workers).</param>
/// <param name="Merchants">Merchants the deliveries are spread over, round-robin, each with its own endpoint and secret.</param>
/// <param name="Idle">How long the idle phase watches the portal, in three equal windows.</param>
internal sealed record WebhooksBenchmarkOptions(int Clients, int Merchants, TimeSpan Phase, TimeSpan Warmup, TimeSpan Idle, string? Only = null)
{
    public const string Usage = "Usage: benchmark webhooks [--seconds 10] [--warmup 5] [--clients 16] [--merchants 8] [--idle-seconds 180] [--only idle|intake]";

    public static WebhooksBenchmarkOptions? Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> phases, TextWriter errors)
    {
        var options = new WebhooksBenchmarkOptions(16, 8, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(180));
        for (var i = 0; i < args.Count; i += 2)
        {
            if (args[i] == "--only" && i + 1 < args.Count && phases.Contains(args[i + 1]))
            {
                options = options with { Only = args[i + 1] };
                continue;
            }

            if (i + 1 >= args.Count || !double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0)
            {
                errors.WriteLine($"Option {args[i]} needs a non-negative number (or, for --only, one of: {string.Join(", ", phases)}).");
                return null;
            }

            WebhooksBenchmarkOptions? next = args[i] switch
            {
                "--seconds" when value > 0 => options with { Phase = TimeSpan.FromSeconds(value) },
                "--warmup" => options with { Warmup = TimeSpan.FromSeconds(value) },
                "--clients" when value >= 1 => options with { Clients = (int)value },
                "--merchants" when value >= 1 => options with { Merchants = (int)value },
                "--idle-seconds" when value >= 3 => options with { Idle = TimeSpan.FromSeconds(value) },
                _ => null,
            };
            if (next is null)
            {
                errors.WriteLine($"Unknown option or value out of range: {args[i]} {args[i + 1]}");
                return null;
            }

            options = next;
        }

        return options;
    }

    public bool Runs(string phase) => Only is null || Only == phase;
}
