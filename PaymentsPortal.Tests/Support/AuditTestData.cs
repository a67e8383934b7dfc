using Npgsql;
using PaymentsPortal.Core.Audit;

namespace PaymentsPortal.Tests.Support;

/// <summary>Appending test entries and running raw SQL as a chosen role, for the audit and checkpoint tests.</summary>
public static class AuditTestData
{
    /// <summary>Appends one entry to a merchant's chain (or the platform's, for null) in its own transaction.</summary>
    public static async Task AppendAsync(this CoreHost host, Guid? merchantId, string reason)
    {
        await using var db = host.Context(merchantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        await host.Service<IAuditTrail>().AppendAsync(db, new AuditRecord(merchantId, AuditAction.MemberRoleChanged, AuditOutcome.Success,
            AuditActor.System("test"), "membership", "m-1", reason, null, TestActors.Origin));
        await tx.CommitAsync();
    }

    public static async Task AppendManyAsync(this CoreHost host, Guid? merchantId, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await host.AppendAsync(merchantId, $"entry {i}");
        }
    }

    public static async Task ExecuteAsync(string connectionString, string sql, params NpgsqlParameter[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        await command.ExecuteNonQueryAsync();
    }
}
