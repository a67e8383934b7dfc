using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using PaymentsPortal.Core.Audit.Checkpoints;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Hosting;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Audit.Checkpoints;

/// <summary>The auditor's offline command, on proofs exported from a real checkpoint.</summary>
[Trait("Tier", "Integration")]
public sealed class VerifyCheckpointCommandTests : IAsyncLifetime
{
    private CoreHost host = default!;
    private DirectoryInfo dir = default!;
    private string proofJson = "";

    public async Task InitializeAsync()
    {
        host = await CoreHost.StartAsync();
        var coffee = await host.MerchantIdAsync(DemoData.DemoCoffee);
        await host.AppendManyAsync(coffee, 3);
        await host.AppendManyAsync(await host.MerchantIdAsync(DemoData.Northwind), 1);
        await host.AppendManyAsync(null, 2);
        await host.Service<AuditCheckpoints>().CreateAsync();
        proofJson = (await host.Service<AuditCheckpoints>().ProofForAsync(coffee))!.ToJson();
        dir = Directory.CreateTempSubdirectory("verify-checkpoint-");
    }

    public async Task DisposeAsync()
    {
        dir.Delete(recursive: true);
        await host.DisposeAsync();
    }

    [Fact]
    public async Task Run_GoodProof_VerifiesWithExitCodeZero()
    {
        var (exit, output) = await RunAsync("verify-checkpoint", await WriteAsync("proof.json", proofJson));

        Assert.Equal(0, exit);
        Assert.Contains("VERIFIED: chain", output, StringComparison.Ordinal);
        Assert.DoesNotContain("FAILED", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_GoodProofWithThePinnedKey_Verifies()
    {
        var publicKey = (await host.Service<AuditCheckpoints>().ActivePublicKeyAsync()).PublicKeyPem;

        var (exit, output) = await RunAsync("verify-checkpoint", await WriteAsync("proof.json", proofJson),
            "--public-key", await WriteAsync("pub.pem", publicKey));

        Assert.Equal(0, exit);
        Assert.Contains("verifies with the pinned public key", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_PinnedKeyIsAnotherKey_IsNotVerified()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var (exit, output) = await RunAsync("verify-checkpoint", await WriteAsync("proof.json", proofJson),
            "--public-key", await WriteAsync("other.pem", other.ExportSubjectPublicKeyInfoPem()));

        Assert.Equal(1, exit);
        Assert.Contains("FAILED  the proof's public key is the pinned key", output, StringComparison.Ordinal);
        Assert.Contains("NOT VERIFIED", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("head_hash", "FAILED  the leaf and its Merkle path lead to the signed root")]
    [InlineData("sequence", "FAILED  the leaf and its Merkle path lead to the signed root")]
    [InlineData("path", "FAILED  the leaf and its Merkle path lead to the signed root")]
    [InlineData("side", "FAILED  the leaf and its Merkle path lead to the signed root")]
    [InlineData("statement", "FAILED  the signature over the statement verifies")]
    [InlineData("root", "FAILED  the proof's root is the signed root")]
    [InlineData("signature", "FAILED  the signature over the statement verifies")]
    [InlineData("public_key_pem", "FAILED  the signature over the statement verifies")]
    public async Task Run_TamperedProof_IsNotVerifiedWithExitCodeOne(string field, string expected)
    {
        var proof = JsonNode.Parse(proofJson)!.AsObject();
        Tamper(proof, field);

        var (exit, output) = await RunAsync("verify-checkpoint", await WriteAsync("tampered.json", proof.ToJsonString()));

        Assert.Equal(1, exit);
        Assert.Contains(expected, output, StringComparison.Ordinal);
        Assert.Contains("NOT VERIFIED", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnreadableOrMissingFile_IsNotVerified()
    {
        Assert.Equal(1, (await RunAsync("verify-checkpoint", await WriteAsync("bad.json", "{ not json"))).Exit);
        Assert.Equal(1, (await RunAsync("verify-checkpoint", Path.Combine(dir.FullName, "missing.json"))).Exit);
        Assert.Equal(2, (await RunAsync("verify-checkpoint")).Exit);
        Assert.Equal(2, (await RunAsync("verify-checkpoint", "a.json", "b.json")).Exit);
    }

    [Fact]
    public async Task BuiltApp_VerifyCheckpoint_RunsWithoutAnyDatabaseConfigured()
    {
        var proof = await WriteAsync("proof.json", proofJson);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "PaymentsPortal.dll"));
        start.ArgumentList.Add("verify-checkpoint");
        start.ArgumentList.Add(proof);
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("ConnectionStrings", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, await output + await error);
        Assert.Contains("VERIFIED: chain", await output, StringComparison.Ordinal);
    }

    private static void Tamper(JsonObject proof, string field)
    {
        var leaf = proof["leaf"]!.AsObject();
        var step = proof["path"]!.AsArray()[0]!.AsObject();
        switch (field)
        {
            case "head_hash":
                leaf["head_hash"] = FlipLastHexDigit(leaf["head_hash"]!.GetValue<string>());
                break;
            case "sequence":
                leaf["sequence"] = leaf["sequence"]!.GetValue<long>() + 1;
                break;
            case "path":
                step["hash"] = FlipLastHexDigit(step["hash"]!.GetValue<string>());
                break;
            case "side":
                step["side"] = step["side"]!.GetValue<string>() == "left" ? "right" : "left";
                break;
            case "statement":
                proof["statement"] = proof["statement"]!.GetValue<string>().Replace("leaves: 3", "leaves: 2", StringComparison.Ordinal);
                break;
            case "root":
                proof["root"] = FlipLastHexDigit(proof["root"]!.GetValue<string>());
                break;
            case "signature":
                var signature = Convert.FromBase64String(proof["signature"]!.GetValue<string>());
                signature[^1] ^= 1;
                proof["signature"] = Convert.ToBase64String(signature);
                break;
            case "public_key_pem":
                using (var other = ECDsa.Create(ECCurve.NamedCurves.nistP256))
                {
                    proof["public_key_pem"] = other.ExportSubjectPublicKeyInfoPem();
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(field));
        }
    }

    private static string FlipLastHexDigit(string hex) => hex[..^1] + (hex[^1] == '0' ? '1' : '0');

    private async Task<string> WriteAsync(string name, string content)
    {
        var path = Path.Combine(dir.FullName, name);
        await File.WriteAllTextAsync(path, content);
        return path;
    }

    private static async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await VerifyCheckpointCommand.RunAsync(args, output, error);
        return (exit, output.ToString() + error);
    }
}
