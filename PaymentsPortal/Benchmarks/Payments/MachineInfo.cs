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
}
