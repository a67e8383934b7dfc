using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PaymentsPortal.Core.Audit.Checkpoints;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Audit.Checkpoints;

/// <summary>Checkpoints cannot be changed by anyone, and signing keys only retired, whatever role connects.</summary>
[Trait("Tier", "Integration")]
public sealed class CheckpointStorageTests : IAsyncLifetime
{
    private CoreHost host = default!;

    public async Task InitializeAsync()
    {
        host = await CoreHost.StartAsync();
        await host.AppendManyAsync(await host.MerchantIdAsync(DemoData.DemoCoffee), 1);
        await host.Service<AuditCheckpoints>().CreateAsync();
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Theory]
    [InlineData("UPDATE audit_checkpoints SET leaf_count = 9")]
    [InlineData("DELETE FROM audit_checkpoints")]
    [InlineData("TRUNCATE audit_checkpoints CASCADE")]
    [InlineData("UPDATE audit_checkpoint_leaves SET sequence = 9")]
    [InlineData("DELETE FROM audit_checkpoint_leaves")]
    [InlineData("TRUNCATE audit_checkpoint_leaves")]
    [InlineData("DELETE FROM audit_signing_keys")]
    [InlineData("TRUNCATE audit_signing_keys CASCADE")]
    [InlineData("UPDATE audit_signing_keys SET public_key_pem = 'swapped'")]
    public async Task AppRole_ChangeCheckpointsOrKeys_HasNoPrivilege(string sql)
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() => AuditTestData.ExecuteAsync(host.Database.AppConnectionString, sql));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        Assert.Contains("permission denied", error.MessageText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("UPDATE audit_checkpoints SET leaf_count = 9", "append-only")]
    [InlineData("DELETE FROM audit_checkpoints", "append-only")]
    [InlineData("TRUNCATE audit_checkpoints CASCADE", "append-only")]
    [InlineData("UPDATE audit_checkpoint_leaves SET sequence = 9", "append-only")]
    [InlineData("DELETE FROM audit_checkpoint_leaves", "append-only")]
    [InlineData("TRUNCATE audit_checkpoint_leaves", "append-only")]
    [InlineData("DELETE FROM audit_signing_keys", "only ever retired")]
    [InlineData("TRUNCATE audit_signing_keys CASCADE", "is not allowed")]
    [InlineData("UPDATE audit_signing_keys SET public_key_pem = 'swapped'", "only ever retired")]
    [InlineData("UPDATE audit_signing_keys SET retired_at = now(), protected_private_key = '\\x00'", "only ever retired")]
    public async Task Owner_ChangeCheckpointsOrKeys_IsStoppedByTheTrigger(string sql, string message)
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() => AuditTestData.ExecuteAsync(host.Database.OwnerConnectionString, sql));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        Assert.Contains(message, error.MessageText, StringComparison.Ordinal);
        await using var db = host.Context(null);
        Assert.Equal(1, await db.AuditCheckpoints.CountAsync());
        Assert.Equal(1, await db.AuditCheckpointLeaves.CountAsync());
    }

    [Fact]
    public async Task Owner_SecondActiveKey_IsRefusedByTheUniqueIndex()
    {
        var sql = "INSERT INTO audit_signing_keys (id, created_at, public_key_pem, protected_private_key) VALUES (gen_random_uuid(), now(), 'x', '\\x00')";

        var error = await Assert.ThrowsAsync<PostgresException>(() => AuditTestData.ExecuteAsync(host.Database.OwnerConnectionString, sql));

        Assert.Equal(PostgresErrorCodes.UniqueViolation, error.SqlState);
    }

    [Fact]
    public async Task StoredPrivateKey_IsProtectedUnderItsOwnPurposeAndMatchesThePublicKey()
    {
        await using var db = host.Context(null);
        var key = await db.AuditSigningKeys.AsNoTracking().SingleAsync();
        var provider = host.Service<IDataProtectionProvider>();

        Assert.ThrowsAny<CryptographicException>(() => provider.CreateProtector("some other purpose").Unprotect(key.ProtectedPrivateKey));
        using var ecdsa = ECDsa.Create();
        Assert.ThrowsAny<CryptographicException>(() => ecdsa.ImportPkcs8PrivateKey(key.ProtectedPrivateKey, out _));
        ecdsa.ImportPkcs8PrivateKey(provider.CreateProtector(CheckpointSigningKeys.ProtectionPurpose).Unprotect(key.ProtectedPrivateKey), out _);
        Assert.Equal(key.PublicKeyPem, ecdsa.ExportSubjectPublicKeyInfoPem());
        Assert.Equal("1.2.840.10045.3.1.7", ecdsa.ExportParameters(false).Curve.Oid.Value);
    }
}
