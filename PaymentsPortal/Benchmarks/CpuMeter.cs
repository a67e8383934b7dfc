using System.Diagnostics;
using System.Globalization;

namespace PaymentsPortal.Benchmarks;

/// <summary>How many cores the benchmark, its PostgreSQL and everything else on the machine used during a phase.</summary>
internal sealed record CpuUsage(double Benchmark, double Postgres, double Others)
{
    /// <summary>The time-weighted average of several measurements; null when none was taken.</summary>
    public static CpuUsage? Average(IEnumerable<(CpuUsage? Usage, TimeSpan Elapsed)> parts)
    {
        var measured = parts.Where(p => p.Usage is not null).ToList();
        var seconds = measured.Sum(p => p.Elapsed.TotalSeconds);
        return measured.Count == 0 || seconds <= 0 ? null : new CpuUsage(
            measured.Sum(p => p.Usage!.Benchmark * p.Elapsed.TotalSeconds) / seconds,
            measured.Sum(p => p.Usage!.Postgres * p.Elapsed.TotalSeconds) / seconds,
            measured.Sum(p => p.Usage!.Others * p.Elapsed.TotalSeconds) / seconds);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Benchmark:0.0}/{Postgres:0.0}/{Others:0.0}");
}

/// <summary>
/// Measures CPU time from /proc (Linux): this process, the benchmark's PostgreSQL (its postmaster, live
/// backends and the backends it has reaped), and the rest of the machine. On a shared machine the
/// "others" figure says whether a phase's numbers were taken on a busy box.
/// </summary>
internal sealed class CpuMeter
{
    /// <summary>Set by bench.sh to the postmaster's process id.</summary>
    public const string PostgresPidVariable = "PORTAL_BENCH_PG_PID";

    private static readonly double TicksPerSecond = 100; // USER_HZ, 100 on every Linux that .NET supports
    private readonly long startedAt;
    private readonly double machineBusy;
    private readonly double own;
    private readonly double postgres;

    private CpuMeter()
    {
        startedAt = Stopwatch.GetTimestamp();
        machineBusy = MachineBusySeconds();
        own = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        postgres = PostgresSeconds();
    }

    public static bool Available => File.Exists("/proc/stat");

    public static CpuMeter Start() => new();

    public CpuUsage? Stop()
    {
        if (!Available)
        {
            return null;
        }

        var elapsed = Stopwatch.GetElapsedTime(startedAt).TotalSeconds;
        var busy = MachineBusySeconds() - machineBusy;
        var ownUsed = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - own;
        var postgresUsed = PostgresSeconds() - postgres;
        return new CpuUsage(ownUsed / elapsed, postgresUsed / elapsed, Math.Max(0, busy - ownUsed - postgresUsed) / elapsed);
    }

    // The first line of /proc/stat: time spent by all cores in each state, idle and iowait being the unbusy ones.
    private static double MachineBusySeconds()
    {
        if (!Available)
        {
            return 0;
        }

        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var total = fields.Take(8).Sum();
        return (total - fields[3] - fields[4]) / TicksPerSecond;
    }

    private static double PostgresSeconds()
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable(PostgresPidVariable), CultureInfo.InvariantCulture, out var postmaster))
        {
            return 0;
        }

        double seconds = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), CultureInfo.InvariantCulture, out var pid) || Stat(pid) is not { } stat)
            {
                continue;
            }

            if (pid == postmaster)
            {
                // utime, stime, and the CPU time of children it has waited for (backends that have exited).
                seconds += (stat[11] + stat[12] + stat[13] + stat[14]) / TicksPerSecond;
            }
            else if (stat[1] == postmaster)
            {
                seconds += (stat[11] + stat[12]) / TicksPerSecond;
            }
        }

        return seconds;
    }

    // The numeric fields of /proc/PID/stat after the command name: [0] state is skipped as 0, [1] ppid, [11] utime, [12] stime...
    private static long[]? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return [.. fields.Take(15).Select((f, i) => i == 0 ? 0 : long.Parse(f, CultureInfo.InvariantCulture))];
        }
        catch (IOException)
        {
            return null; // the process ended while we looked
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
