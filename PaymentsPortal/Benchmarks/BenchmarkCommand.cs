using PaymentsPortal.Benchmarks.Payments;
using PaymentsPortal.Benchmarks.Webhooks;
using PaymentsPortal.Benchmarks.Workspace;

namespace PaymentsPortal.Benchmarks;

/// <summary>
/// <c>benchmark audit|payments|workspace|webhooks [options]</c>, started by <c>./bench.sh</c>: picks the benchmark. Each one makes its
/// own throwaway database and never reads the portal's connection strings.
/// </summary>
internal static class BenchmarkCommand
{
    public static bool Matches(string[] args) => args.Length > 0 && args[0] == "benchmark";

    public static async Task<int> RunAsync(string[] args)
    {
        switch (args.Length > 1 ? args[1] : null)
        {
            case "audit":
                return await AuditBenchmarkCommand.RunAsync(args);
            case "payments":
                return await PaymentsBenchmarkCommand.RunAsync(args);
            case "workspace":
                return await WorkspaceBenchmarkCommand.RunAsync(args);
            case "webhooks":
                return await WebhooksBenchmarkCommand.RunAsync(args);
            default:
                await Console.Error.WriteLineAsync(AuditBenchmarkOptions.Usage + Environment.NewLine + PaymentsBenchmarkOptions.Usage + Environment.NewLine + WorkspaceBenchmarkOptions.Usage + Environment.NewLine + WebhooksBenchmarkOptions.Usage);
                return 2;
        }
    }
}
