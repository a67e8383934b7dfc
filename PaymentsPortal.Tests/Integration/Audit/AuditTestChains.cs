using Npgsql;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Audit;

/// <summary>Appending to and tampering with audit chains in the audit tests.</summary>
internal static class AuditTestChains
{
    public static async Task AppendAsync(CoreHost host, Guid? chain, string reason, object? details = null)
    {
        await using var db = host.Context(chain);
        await using var tx = await db.Database.BeginTransactionAsync();
        await host.Service<IAuditTrail>().AppendAsync(db, Record(chain, reason, details));
        await tx.CommitAsync();
    }

    public static AuditRecord Record(Guid? chain, string reason, object? details = null) =>
        new(chain, AuditAction.MemberRoleChanged, AuditOutcome.Success, AuditActor.System("test"),
            "membership", "m-1", reason, details, new AuditOrigin("127.0.0.1", "xunit"));

    /// <summary>Only a superuser who disables the append-only trigger can do this; verification must still notice.</summary>
    public static async Task TamperAsync(CoreHost host, string sql)
    {
        var superuser = TestPostgres.ConnectionFor(host.Database.Name, "postgres");
        await using var connection = new NpgsqlConnection(superuser);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"ALTER TABLE audit_entries DISABLE TRIGGER USER; {sql}; ALTER TABLE audit_entries ENABLE TRIGGER USER", connection);
        await command.ExecuteNonQueryAsync();
    }
}
