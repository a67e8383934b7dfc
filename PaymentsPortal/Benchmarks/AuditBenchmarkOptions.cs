using System.Globalization;

namespace PaymentsPortal.Benchmarks;

/// <summary>The knobs of <c>benchmark audit</c>; the defaults give a full run in a few minutes.</summary>
/// <param name="ContextPerAppend">A new DI scope and context for every append, as AccountAuditLog does, instead of one per writer.</param>
internal sealed record AuditBenchmarkOptions(
    int Writers, TimeSpan Phase, TimeSpan Warmup, long Entries, int VerifyRuns, bool Writes = true, bool Verify = true, bool ContextPerAppend = false)
{
    public const string Usage =
        "Usage: benchmark audit [--seconds 10] [--warmup 5] [--writers 8] [--entries 1000000] [--verify-runs 3] [--only writes|verify] [--context-per-append]";

    public static AuditBenchmarkOptions? Parse(IReadOnlyList<string> args, TextWriter errors)
    {
        // Five seconds of warm-up: the append path (EF, Npgsql, the redactor) is still being recompiled by the
        // tiered JIT for several seconds, and a shorter warm-up would measure the compiler.
        var options = new AuditBenchmarkOptions(8, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5), 1_000_000, 3);
        for (var i = 0; i < args.Count; i += 2)
        {
            if (args[i] == "--context-per-append")
            {
                options = options with { ContextPerAppend = true };
                i--;
                continue;
            }

            if (args[i] == "--only" && i + 1 < args.Count && args[i + 1] is "writes" or "verify")
            {
                options = options with { Writes = args[i + 1] == "writes", Verify = args[i + 1] == "verify" };
                continue;
            }

            if (i + 1 >= args.Count || !double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0)
            {
                errors.WriteLine($"Option {args[i]} needs a non-negative number.");
                return null;
            }

            AuditBenchmarkOptions? next = args[i] switch
            {
                "--seconds" when value > 0 => options with { Phase = TimeSpan.FromSeconds(value) },
                "--warmup" => options with { Warmup = TimeSpan.FromSeconds(value) },
                "--writers" when value >= 1 => options with { Writers = (int)value },
                "--entries" when value >= 1 => options with { Entries = (long)value },
                "--verify-runs" when value >= 1 => options with { VerifyRuns = (int)value },
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
}
