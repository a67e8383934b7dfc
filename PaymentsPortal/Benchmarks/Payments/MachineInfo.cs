namespace PaymentsPortal.Benchmarks.Payments;

/// <summary>What the report says about the machine beyond its core count.</summary>
internal static class MachineInfo
{
    /// <summary>The processor's model from /proc/cpuinfo (Linux), or "unknown processor".</summary>
    public static string Processor
    {
        get
        {
            const string Field = "model name";
            try
            {
                var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith(Field, StringComparison.Ordinal));
                return line?[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim() ?? "unknown processor";
            }
            catch (IOException)
            {
                return "unknown processor";
            }
            catch (UnauthorizedAccessException)
            {
                return "unknown processor";
            }
        }
    }

    /// <summary>
    /// The load averages over 1, 5 and 15 minutes from /proc/loadavg (Linux), or null: on a shared machine, how busy it was
    /// around the measurement, which every latency depends on.
    /// </summary>
    public static string? LoadAverage
    {
        get
        {
            try
            {
                var fields = File.ReadAllText("/proc/loadavg").Split(' ');
                return fields.Length >= 3 ? $"{fields[0]} / {fields[1]} / {fields[2]}" : null;
            }
            catch (IOException)
            {
                return null;
            }
            catch (UnauthorizedAccessException)
            {
                return null;
            }
        }
    }
}
