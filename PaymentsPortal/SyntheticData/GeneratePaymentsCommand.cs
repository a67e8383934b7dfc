using System.Globalization;
using Npgsql;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Hosting;

namespace PaymentsPortal.SyntheticData;

/// <summary>
/// <c>generate-payments [--count 1000000] [--merchants 10] [--member you@example.com]</c>: fills a developer's own database (the
/// app's configured connection strings) with synthetic payments, in new merchants named "Synthetic merchant …" so that demo
/// and hand-made data stay as they were. Refused in the Production environment, before any connection is opened.
/// </summary>
internal static class GeneratePaymentsCommand
{
    private const string Verb = "generate-payments";

    public static bool Matches(string[] args) => args.Length > 0 && args[0] == Verb;

    public static async Task<int> RunAsync(IHostEnvironment environment, IConfiguration configuration, string[] args)
    {
        if (environment.IsProduction())
        {
            await Console.Error.WriteLineAsync(
                $"{Verb} refuses to run in the Production environment: it writes synthetic payments into the configured database. " +
                "Run it against a development database with ASPNETCORE_ENVIRONMENT=Development (./run.sh sets it).");
            return 1;
        }

        var options = GeneratePaymentsOptions.Parse(args[1..], Console.Error);
        if (options is null)
        {
            await Console.Error.WriteLineAsync(GeneratePaymentsOptions.Usage);
            return 2;
        }

        var connections = PortalConnectionStrings.From(configuration);
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // Stop after the chunk in flight rolls back; the chunks already committed stay, each one whole.
            e.Cancel = true;
            stop.Cancel();
        };

        // A fresh database gets the schema the app would give it at start-up.
        using var loggers = LoggerFactory.Create(logging => logging.AddConsole());
        await DatabaseMigrator.MigrateAsync(connections.Owner, connections.App, loggers.CreateLogger("PaymentsPortal.Startup"), stop.Token);

        // Checked before anything is written, rather than found out after a million rows.
        Guid? member = null;
        if (options.MemberEmail is { } email && (member = await FindAccountAsync(connections.App, email, stop.Token)) is null)
        {
            await Console.Error.WriteLineAsync(
                $"No account has the email {email}. Start the app once (./run.sh) so that the demo accounts exist, or leave out --member.");
            return 1;
        }

        var generator = new SyntheticPayments(connections.App, connections.Owner, Console.Out);
        var now = DateTimeOffset.UtcNow;
        var merchants = await generator.CreateMerchantsAsync(options.Merchants, now, stop.Token);
        if (member is { } user)
        {
            await AddMemberAsync(connections.App, user, merchants, now, stop.Token);
        }

        await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Generating {options.Count:N0} payments over {options.Merchants} new merchants (\"{SyntheticPayments.MerchantNamePrefix} 1 (run …)\" holds half), " +
            $"{options.Days} days up to now, {options.ChunkSize:N0} per transaction:"));
        var result = await generator.InsertAsync(
            new SyntheticPaymentsPlan(merchants, options.Count, now, options.Days, options.ChunkSize), stop.Token);
        await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Done: {result.Inserted:N0} payments in {result.Inserting.TotalSeconds:0.0} s ({result.Inserted / result.Inserting.TotalSeconds:N0}/s), " +
            $"VACUUM (ANALYZE) {result.Vacuuming.TotalSeconds:0.0} s."));
        return 0;
    }

    private static async Task<Guid?> FindAccountAsync(string connectionString, string email, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT id FROM users WHERE normalized_email = $1", connection)
        {
            Parameters = { new() { Value = email.Trim().ToUpperInvariant() } },
        };
        return await command.ExecuteScalarAsync(cancellationToken) as Guid?;
    }

    /// <summary>
    /// Makes the account Admin of the new merchants, so its owner can switch to them in the app bar. Written directly, as the
    /// demo seeder writes its memberships: the merchants are synthetic and the audit trail has nothing to prove about them.
    /// </summary>
    private static async Task AddMemberAsync(string connectionString, Guid user, IReadOnlyList<Guid> merchants, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO merchant_memberships (merchant_id, id, user_id, role, is_disabled, created_at, updated_at)
            SELECT merchant, gen_random_uuid(), $2, $3, false, $4, $4
            FROM unnest($1::uuid[]) AS merchant
            """, connection)
        {
            Parameters =
            {
                new() { Value = merchants.ToArray() },
                new() { Value = user },
                new() { Value = nameof(MerchantRole.Admin) },
                new() { Value = now },
            },
        };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
