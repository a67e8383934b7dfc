using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Hangfire.PostgreSql;
using Npgsql;
using PaymentsPortal.Core.Jobs;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Persistence;

/// <summary>
/// Applies migrations as the owner role, then grants the application role exactly what the running
/// app needs. The app role never owns tables, so it cannot alter them or lift the limits set here.
/// </summary>
public static partial class DatabaseMigrator
{
    public static async Task MigrateAsync(string ownerConnectionString, string appConnectionString, ILogger logger, CancellationToken cancellationToken = default)
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        PortalDatabase.Configure(options, ownerConnectionString);
        await using (var db = new PortalDbContext(options.Options, FixedTenantScope.None))
        {
            // EF Core takes a database lock while migrating, so instances starting together do not race.
            await db.Database.MigrateAsync(cancellationToken);
        }

        await InstallJobStorageAsync(ownerConnectionString, cancellationToken);

        var owner = new NpgsqlConnectionStringBuilder(ownerConnectionString).Username;
        var app = new NpgsqlConnectionStringBuilder(appConnectionString).Username;
        if (string.IsNullOrEmpty(app) || string.Equals(owner, app, StringComparison.Ordinal))
        {
            logger.LogWarning("The application connects as the owner role; use a separate application role in production.");
            return;
        }

        await GrantAsync(ownerConnectionString, app, cancellationToken);
        logger.LogInformation("Migrations applied; privileges granted to role {AppRole}.", app);
    }

    private static async Task GrantAsync(string ownerConnectionString, string appRole, CancellationToken cancellationToken)
    {
        if (!RoleName().IsMatch(appRole))
        {
            throw new InvalidOperationException("The application role name must be a plain lower-case PostgreSQL identifier.");
        }

        var role = $"\"{appRole}\"";
        string[] statements =
        [
            $"GRANT USAGE ON SCHEMA public TO {role}",
            $"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}",
            $"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}",
            // The app reads the migration history to check it is up to date; only the owner writes it.
            $"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON \"__EFMigrationsHistory\" FROM {role}",
            // The audit trail is append-only: the app may add and read entries, never change them.
            $"REVOKE UPDATE, DELETE, TRUNCATE ON audit_entries FROM {role}",
            // Checkpoints are append-only too; signing keys are kept for ever and the app may only retire one.
            // (Revoking table UPDATE also drops column grants, so the column grant must follow the revoke.)
            $"REVOKE UPDATE, DELETE, TRUNCATE ON audit_checkpoints, audit_checkpoint_leaves, audit_signing_keys FROM {role}",
            $"GRANT UPDATE (retired_at) ON audit_signing_keys TO {role}",
            // Retention records are written only by the retention procedure, which runs as the owner.
            $"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_retention_runs FROM {role}",
            $"GRANT EXECUTE ON FUNCTION audit_apply_retention(uuid, bigint, timestamptz, text) TO {role}",
            // Payments are never deleted, and a payment's timeline is never changed: not through the parent
            // tables and not through a partition addressed directly.
            .. PartitionedRevokes("payments", "DELETE, TRUNCATE", role),
            .. PartitionedRevokes("payment_attempts", "DELETE, TRUNCATE", role),
            .. PartitionedRevokes("payment_events", "UPDATE, DELETE, TRUNCATE", role),
            // A payment link is deactivated, never deleted: payments point at it and its URL may be in a customer's hands.
            $"REVOKE DELETE, TRUNCATE ON payment_links FROM {role}",
            // Hangfire's tables: the app queues, claims and expires jobs (rows only); the owner installed and upgrades the schema.
            $"GRANT USAGE ON SCHEMA {PortalJobStorage.Schema} TO {role}",
            $"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {PortalJobStorage.Schema} TO {role}",
            $"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {PortalJobStorage.Schema} TO {role}",
            // An inbound webhook is kept as the provider sent it: the app may store one and record how it was processed,
            // never rewrite what was received or delete it. (The column grant must follow the table revoke.)
            $"REVOKE UPDATE, DELETE, TRUNCATE ON webhook_inbox FROM {role}",
            $"GRANT UPDATE (status, attempts, next_attempt_at, processed_at, last_error, reason, payment_id) ON webhook_inbox TO {role}",
            // An outbound event is sent as it was written, on every attempt and replay: the app may only mark it fanned out, and
            // removes it (with its deliveries) only when retention says so.
            $"REVOKE UPDATE, TRUNCATE ON webhook_events FROM {role}",
            $"GRANT UPDATE (fanned_out_at) ON webhook_events TO {role}",
            // What an attempt got back is history.
            $"REVOKE UPDATE, TRUNCATE ON webhook_delivery_attempts FROM {role}",
            // Old inbound webhooks go only through the retention procedure, which keeps what the sync may still read back.
            $"GRANT EXECUTE ON FUNCTION webhook_inbox_apply_retention(timestamptz, integer) TO {role}",
            // What a gateway reported about a dispute or a payout is updated by later reports, never deleted.
            $"REVOKE DELETE, TRUNCATE ON disputes, payouts FROM {role}",
            // Bank history is kept: an unlinked bank, a closed account and a transaction the bank withdrew are marked, not deleted,
            // because reconciliations and the audit trail point at them. Only a match can be undone (deleted).
            $"REVOKE DELETE, TRUNCATE ON bank_links, bank_accounts, bank_transactions, statement_imports FROM {role}",
            $"REVOKE UPDATE ON statement_imports FROM {role}",
        ];

        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, connection, tx);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Hangfire's schema, installed or upgraded by Hangfire.PostgreSql's own versioned scripts, as the owner. Its installer
    /// takes a lock of its own, so instances starting together do not race.
    /// </summary>
    private static async Task InstallJobStorageAsync(string ownerConnectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync(cancellationToken);
        PostgreSqlObjectsInstaller.Install(connection, PortalJobStorage.Schema);
    }

    private static IEnumerable<string> PartitionedRevokes(string table, string privileges, string role) =>
        Enumerable.Range(0, 16).Select(i => $"{table}_p{i:D2}").Prepend(table).Select(name => $"REVOKE {privileges} ON {name} FROM {role}");

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex RoleName();
}
