using PaymentsPortal.Benchmarks;
using PaymentsPortal.Hosting;
using PaymentsPortal.SyntheticData;

// Offline and database-free: dispatched before the host, which requires a configured database.
if (VerifyCheckpointCommand.Matches(args))
{
    return await VerifyCheckpointCommand.RunAsync(args);
}

// Before the web host is built: the benchmark makes its own throwaway database and never reads the
// portal's connection strings, so it cannot write into a real installation by accident.
if (BenchmarkCommand.Matches(args))
{
    return await BenchmarkCommand.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);

// Before AddPortal: the environment is checked first, and generating needs the connection strings only, not the web host.
if (GeneratePaymentsCommand.Matches(args))
{
    return await GeneratePaymentsCommand.RunAsync(builder.Environment, builder.Configuration, args);
}

builder.AddPortal();
var app = builder.Build();

if (PlatformAdminCommand.Matches(args))
{
    await app.PrepareDatabaseAsync();
    return await PlatformAdminCommand.RunAsync(app, args);
}

await app.PrepareDatabaseAsync();
app.UsePortal();
await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
