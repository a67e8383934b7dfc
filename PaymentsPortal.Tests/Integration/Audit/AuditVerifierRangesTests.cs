using PaymentsPortal.Core.Audit;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Audit;

/// <summary>
/// A chain split into ranges walked in parallel must end exactly where one walk from the first entry
/// ends: same first bad sequence, same problem. Nine entries in three ranges put tampering on both
/// sides of each range boundary.
/// </summary>
[Trait("Tier", "Integration")]
public sealed class AuditVerifierRangesTests : IAsyncLifetime
{
    private const int Entries = 9;
    private CoreHost host = default!;
    private Guid chain;

    public async Task InitializeAsync()
    {
        host = await CoreHost.StartAsync(seedDemoData: false);
        chain = Guid.CreateVersion7();
        for (var i = 0; i < Entries; i++)
        {
            await AuditTestChains.AppendAsync(host, chain, $"entry {i}");
        }
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    public static TheoryData<string, long> Tampering => new()
    {
        { "UPDATE audit_entries SET reason = 'edited' WHERE sequence = 4", 4 },
        { "UPDATE audit_entries SET reason = 'edited' WHERE sequence = 7", 7 },
        { "DELETE FROM audit_entries WHERE sequence = 3", 3 },
        { "DELETE FROM audit_entries WHERE sequence = 4", 4 },
        { "DELETE FROM audit_entries WHERE sequence IN (4, 5, 6)", 4 },
        { "DELETE FROM audit_entries WHERE sequence IN (1, 2, 3)", 1 },
        { "DELETE FROM audit_entries WHERE sequence = 9", 9 },
        { "UPDATE audit_entries SET sequence = sequence + 100 WHERE sequence = 3; UPDATE audit_entries SET sequence = 3 WHERE sequence = 4; UPDATE audit_entries SET sequence = 4 WHERE sequence = 103", 3 },
        { "UPDATE audit_entries SET sequence = sequence + 100 WHERE sequence = 6; UPDATE audit_entries SET sequence = 6 WHERE sequence = 7; UPDATE audit_entries SET sequence = 7 WHERE sequence = 106", 6 },
        { "UPDATE audit_entries SET previous_hash = '\\x00'::bytea WHERE sequence = 7", 7 },
        { "UPDATE audit_entries SET occurred_at = occurred_at + interval '1 second' WHERE sequence = 1", 1 },
        { "UPDATE audit_entries SET actor_type = 'system' WHERE sequence = 5", 5 },
        { "UPDATE audit_entries SET sequence = 0 WHERE sequence = 1", 1 },
        { "UPDATE audit_entries SET sequence = 10 WHERE sequence = 9", 9 },
    };

    [Theory]
    [MemberData(nameof(Tampering))]
    public async Task VerifyAsync_TamperedAcrossRanges_MatchesOneWalk(string tamper, long firstBad)
    {
        await AuditTestChains.TamperAsync(host, tamper);

        var oneWalk = await VerifyAsync(parallelism: 1);
        var threeRanges = await VerifyAsync(parallelism: 3);

        Assert.False(oneWalk.IsIntact);
        Assert.Equal(firstBad, oneWalk.FirstBadSequence);
        Assert.Equal(firstBad - 1, oneWalk.VerifiedEntries);
        Assert.Equal(oneWalk, threeRanges);
    }

    [Fact]
    public async Task VerifyAsync_IntactChainInRanges_IsIntact()
    {
        Assert.Equal(AuditVerification.Intact(Entries), await VerifyAsync(parallelism: 3));
        Assert.Equal(AuditVerification.Intact(Entries), await VerifyAsync(parallelism: 4));
    }

    private async Task<AuditVerification> VerifyAsync(int parallelism)
    {
        await using var db = host.Context(null);
        return await AuditVerifier.VerifyAsync(db, chain, progress: null, parallelism, CancellationToken.None, minEntriesPerRange: 1);
    }
}
