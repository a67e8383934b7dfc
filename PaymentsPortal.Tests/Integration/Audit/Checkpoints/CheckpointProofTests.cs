using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Audit.Checkpoints;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Audit.Checkpoints;

[Trait("Tier", "Integration")]
public sealed class CheckpointProofTests : IAsyncLifetime
{
    private CoreHost host = default!;
    private Guid coffee;
    private Guid northwind;

    private AuditCheckpoints Checkpoints => host.Service<AuditCheckpoints>();

    public async Task InitializeAsync()
    {
        host = await CoreHost.StartAsync();
        coffee = await host.MerchantIdAsync(DemoData.DemoCoffee);
        northwind = await host.MerchantIdAsync(DemoData.Northwind);
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task ProofForAsync_EveryChainOfACheckpoint_VerifiesOffline()
    {
        await host.AppendManyAsync(coffee, 2);
        await host.AppendManyAsync(northwind, 3);
        await host.AppendManyAsync(null, 1);
        await Checkpoints.CreateAsync();

        var pathLengths = new List<int>();
        foreach (var chain in new[] { coffee, northwind, AuditEntry.PlatformChain })
        {
            var proof = (await Checkpoints.ProofForAsync(chain))!;

            var verdict = CheckpointProofVerifier.Verify(proof);
            Assert.True(verdict.IsValid, string.Join("; ", verdict.Checks.Where(c => !c.Passed).Select(c => c.Description)));
            Assert.Equal(chain, proof.Leaf.Chain);
            pathLengths.Add(proof.Path.Count);
        }

        // Three leaves split 2 + 1: the two in the left subtree climb two levels, the third one.
        Assert.Equal([1, 2, 2], pathLengths.Order());
    }

    [Fact]
    public async Task ProofForAsync_ChainMovedSince_UsesTheLatestCheckpointThatIncludesIt()
    {
        await host.AppendManyAsync(coffee, 1);
        await Checkpoints.CreateAsync();
        await host.AppendManyAsync(coffee, 2);
        var latest = (await Checkpoints.CreateAsync()).Checkpoint!;

        var proof = (await Checkpoints.ProofForAsync(coffee))!;

        Assert.Equal(latest.Id, proof.CheckpointId);
        Assert.Equal(3, proof.Leaf.Sequence);
        Assert.Equal(latest.RootHex, proof.Root);
        Assert.Null(await Checkpoints.ProofForAsync(northwind));
    }

    [Fact]
    public async Task CheckpointProof_Json_IsSnakeCaseAndRoundTrips()
    {
        await host.AppendManyAsync(coffee, 1);
        await host.AppendManyAsync(northwind, 1);
        await Checkpoints.CreateAsync();
        var proof = (await Checkpoints.ProofForAsync(coffee))!;

        var json = JsonSerializer.Serialize(proof);

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(
            ["format", "checkpoint_id", "created_at", "statement", "signature", "key_id", "public_key_pem", "leaf", "path", "root"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["chain", "sequence", "head_hash", "index"], root.GetProperty("leaf").EnumerateObject().Select(p => p.Name));
        var step = Assert.Single(root.GetProperty("path").EnumerateArray());
        Assert.True(step.GetProperty("side").GetString() is "left" or "right");
        Assert.Equal(proof.ToJson(), CheckpointProof.FromJson(json).ToJson());
    }

    [Fact]
    public async Task FromJson_MissingField_IsRejected()
    {
        await host.AppendManyAsync(coffee, 1);
        await Checkpoints.CreateAsync();
        var json = (await Checkpoints.ProofForAsync(coffee))!.ToJson();
        var withoutSignature = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        withoutSignature.Remove("signature");

        Assert.ThrowsAny<JsonException>(() => CheckpointProof.FromJson(withoutSignature.ToJsonString()));
    }

    [Fact]
    public async Task OpenSsl_ExportedStatementAndSignature_VerifyAndFailOnceTheStatementChanges()
    {
        await host.AppendManyAsync(coffee, 2);
        await host.AppendManyAsync(northwind, 1);
        await Checkpoints.CreateAsync();
        var proof = (await Checkpoints.ProofForAsync(coffee))!;
        var dir = Directory.CreateTempSubdirectory("checkpoint-openssl-");
        try
        {
            var statement = Path.Combine(dir.FullName, "statement.txt");
            var signature = Path.Combine(dir.FullName, "sig.der");
            var publicKey = Path.Combine(dir.FullName, "pub.pem");
            await File.WriteAllTextAsync(statement, proof.Statement);
            await File.WriteAllBytesAsync(signature, Convert.FromBase64String(proof.Signature));
            await File.WriteAllTextAsync(publicKey, proof.PublicKeyPem);

            var verified = await OpenSslAsync("dgst", "-sha256", "-verify", publicKey, "-signature", signature, statement);
            Assert.Equal((0, "Verified OK"), (verified.ExitCode, verified.Output.Trim()));

            await File.WriteAllTextAsync(statement, proof.Statement.Replace("leaves: 2", "leaves: 1", StringComparison.Ordinal));
            var tampered = await OpenSslAsync("dgst", "-sha256", "-verify", publicKey, "-signature", signature, statement);
            Assert.Equal((1, "Verification failure"), (tampered.ExitCode, tampered.Output.Trim()));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task RotateSigningKeyAsync_OldProofsStillVerifyAndNewCheckpointsUseTheNewKey()
    {
        await host.AppendManyAsync(coffee, 1);
        await Checkpoints.CreateAsync();
        var before = (await Checkpoints.ProofForAsync(coffee))!;
        var oldKey = await Checkpoints.ActivePublicKeyAsync();

        var newKey = await Checkpoints.RotateSigningKeyAsync(AuditActor.System("test"), TestActors.Origin);
        await host.AppendManyAsync(coffee, 1);
        await Checkpoints.CreateAsync();
        var after = (await Checkpoints.ProofForAsync(coffee))!;

        Assert.NotEqual(oldKey.KeyId, newKey.KeyId);
        Assert.Equal(newKey, await Checkpoints.ActivePublicKeyAsync());
        Assert.Equal(oldKey.KeyId, before.KeyId);
        Assert.Equal(newKey.KeyId, after.KeyId);
        Assert.True(CheckpointProofVerifier.Verify(before).IsValid);
        Assert.True(CheckpointProofVerifier.Verify(after).IsValid);
        Assert.False(CheckpointProofVerifier.Verify(before, newKey.PublicKeyPem).IsValid);
        var keys = await Checkpoints.PublicKeysAsync();
        Assert.Equal([newKey.KeyId, oldKey.KeyId], keys.Select(k => k.KeyId));
        Assert.Null(keys[0].RetiredAt);
        Assert.NotNull(keys[1].RetiredAt);
        await using var db = host.Context(null);
        var rotation = await db.AuditEntries.IgnoreQueryFilters().SingleAsync(e => e.Action == AuditAction.AuditSigningKeyRotated);
        Assert.Equal(AuditEntry.PlatformChain, rotation.MerchantId);
        Assert.Equal(newKey.KeyId.ToString(), rotation.TargetId);
    }

    private static async Task<(int ExitCode, string Output)> OpenSslAsync(params string[] args)
    {
        var start = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
