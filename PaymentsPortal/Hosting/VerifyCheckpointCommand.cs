using System.Globalization;
using System.Text.Json;
using PaymentsPortal.Core.Audit.Checkpoints;

namespace PaymentsPortal.Hosting;

/// <summary>
/// <c>verify-checkpoint PROOF.json [--public-key KEY.pem]</c>: an auditor's offline check of an exported
/// checkpoint proof. Needs no database and no configuration, so it runs before the web host is built.
/// Exit code 0 when every check passes, 1 when any fails or the files cannot be read, 2 on bad usage.
/// </summary>
public static class VerifyCheckpointCommand
{
    private const string Verb = "verify-checkpoint";

    public static bool Matches(string[] args) => args.Length > 0 && args[0] == Verb;

    public static Task<int> RunAsync(string[] args) => RunAsync(args, Console.Out, Console.Error);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        string? proofFile = null;
        string? keyFile = null;
        var usable = true;
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] == "--public-key" && i + 1 < args.Length && keyFile is null)
            {
                keyFile = args[++i];
            }
            else if (proofFile is null && !args[i].StartsWith("--", StringComparison.Ordinal))
            {
                proofFile = args[i];
            }
            else
            {
                usable = false;
            }
        }

        if (!usable || proofFile is null)
        {
            await error.WriteLineAsync($"Usage: {Verb} PROOF.json [--public-key KEY.pem]");
            return 2;
        }

        CheckpointProof proof;
        string? pinnedKey = null;
        try
        {
            proof = CheckpointProof.FromJson(await File.ReadAllTextAsync(proofFile));
            if (keyFile is not null)
            {
                pinnedKey = await File.ReadAllTextAsync(keyFile);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            await error.WriteLineAsync($"NOT VERIFIED: {ex.Message}");
            return 1;
        }

        var verdict = CheckpointProofVerifier.Verify(proof, pinnedKey);
        foreach (var check in verdict.Checks)
        {
            await output.WriteLineAsync($"{(check.Passed ? "ok    " : "FAILED")}  {check.Description}");
        }

        await output.WriteLineAsync(verdict.IsValid
            ? $"VERIFIED: chain {proof.Leaf.Chain} at sequence {proof.Leaf.Sequence} (head {proof.Leaf.HeadHash}) " +
              $"is in checkpoint {proof.CheckpointId} of {proof.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture)}, signed by key {proof.KeyId}."
            : "NOT VERIFIED: this proof does not show that the chain's head was part of a signed checkpoint.");
        return verdict.IsValid ? 0 : 1;
    }
}
