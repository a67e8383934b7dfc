using PaymentsPortal.Core.Audit;

namespace PaymentsPortal.Tests.Unit.Audit;

[Trait("Tier", "Unit")]
public sealed class AuditHasherTests
{
    // Stored chains depend on these bytes: the expected values were computed by the original
    // StringBuilder-based AuditHasher, before any optimisation, and must never change.
    private const string PinnedFull = "b3f74ab3e0bd529b990d538bda8f81d0b58c4f8b701324483459a0c60640827b";
    private const string PinnedSparse = "3e8a718d70f2c33ec74eb1f56b5eea44f1e889128b89ccefbaed4269ade48110";

    [Fact]
    public void Compute_EntryWithEveryField_MatchesTheOriginalImplementation()
    {
        var hash = AuditHasher.Compute(FullEntry(), PreviousHash());

        Assert.Equal(PinnedFull, Convert.ToHexStringLower(hash));
    }

    [Fact]
    public void Compute_FirstEntryWithNullsAndEmpties_MatchesTheOriginalImplementation()
    {
        var hash = AuditHasher.Compute(SparseEntry(), []);

        Assert.Equal(PinnedSparse, Convert.ToHexStringLower(hash));
    }

    [Fact]
    public void Compute_NullVersusEmptyValue_Differs()
    {
        var withNull = SparseEntry();
        var withEmpty = new AuditEntry
        {
            MerchantId = withNull.MerchantId, Sequence = withNull.Sequence, Id = withNull.Id, OccurredAt = withNull.OccurredAt,
            ActorType = withNull.ActorType, ActorName = withNull.ActorName, Action = withNull.Action, Outcome = withNull.Outcome,
            Details = withNull.Details, ActorId = "",
        };

        Assert.NotEqual(AuditHasher.Compute(withNull, []), AuditHasher.Compute(withEmpty, []));
    }

    public static TheoryData<string> TrickyEntries => new()
    {
        "ascii", "empty-strings", "emoji", "lone-surrogate", "long-text", "min-time", "max-time", "negative-sequence",
    };

    [Theory]
    [MemberData(nameof(TrickyEntries))]
    public void Compute_TrickyEntry_MatchesTheOriginalAlgorithm(string name)
    {
        var entry = Tricky(name);
        var previous = PreviousHash();

        Assert.Equal(LegacyHash(entry, previous), AuditHasher.Compute(entry, previous));
        Assert.Equal(LegacyHash(entry, []), AuditHasher.Compute(entry, []));
    }

    private static AuditEntry Tricky(string name)
    {
        var full = FullEntry();
        return name switch
        {
            "ascii" => full,
            "empty-strings" => Copy(full, actorId: "", actorName: "", reason: "", details: ""),
            "emoji" => Copy(full, actorName: "🚀🚀🚀 é́ 中文", details: "{\"e\":\"🎉\"}"),
            "lone-surrogate" => Copy(full, actorName: "broken \ud800 pair", reason: "\udfff"),
            "long-text" => Copy(full, userAgent: new string('x', 5000) + "é", details: new string('{', 3000)),
            "min-time" => Copy(full, occurredAt: DateTimeOffset.MinValue),
            "max-time" => Copy(full, occurredAt: DateTimeOffset.MaxValue),
            "negative-sequence" => Copy(full, sequence: long.MinValue),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }

    private static AuditEntry Copy(
        AuditEntry e, string? actorId = null, string? actorName = null, string? reason = null, string? details = null,
        string? userAgent = null, DateTimeOffset? occurredAt = null, long? sequence = null) => new()
    {
        MerchantId = e.MerchantId, Sequence = sequence ?? e.Sequence, Id = e.Id, OccurredAt = occurredAt ?? e.OccurredAt,
        ActorType = e.ActorType, ActorId = actorId ?? e.ActorId, ActorName = actorName ?? e.ActorName, Action = e.Action,
        TargetType = e.TargetType, TargetId = e.TargetId, Outcome = e.Outcome, IpAddress = e.IpAddress,
        UserAgent = userAgent ?? e.UserAgent, Reason = reason ?? e.Reason, Details = details ?? e.Details,
    };

    // The first implementation, verbatim in behaviour: the reference the optimised hasher must equal.
    private static byte[] LegacyHash(AuditEntry entry, byte[] previousHash)
    {
        var canonical = new System.Text.StringBuilder();
        void Append(string? value) =>
            canonical.Append(value is null ? "-" : $"{value.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)}:{value}").Append('|');
        Append("v1");
        Append(entry.MerchantId.ToString("D"));
        Append(entry.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Append(entry.Id.ToString("D"));
        Append(entry.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture));
        Append(((int)entry.ActorType).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Append(entry.ActorId);
        Append(entry.ActorName);
        Append(((int)entry.Action).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Append(entry.TargetType);
        Append(entry.TargetId);
        Append(((int)entry.Outcome).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Append(entry.IpAddress);
        Append(entry.UserAgent);
        Append(entry.Reason);
        Append(entry.Details);
        var content = System.Text.Encoding.UTF8.GetBytes(canonical.ToString());
        return System.Security.Cryptography.SHA256.HashData([.. previousHash, .. content]);
    }

    // Non-ASCII text (accents, CJK, an emoji outside the BMP) pins that the length prefix counts
    // UTF-16 code units while the hashed bytes are UTF-8.
    internal static AuditEntry FullEntry() => new()
    {
        MerchantId = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"),
        Sequence = 1234567,
        Id = Guid.Parse("01937a4e-5b2c-7d3e-8f40-123456789abc"),
        OccurredAt = new DateTimeOffset(2026, 11, 23, 17, 7, 28, TimeSpan.FromHours(2)).AddTicks(1234560),
        ActorType = AuditActorType.User,
        ActorId = "3b241101-e2bb-4255-8caf-4136c566a962",
        ActorName = "Zoë Ångström 山田 🚀",
        Action = AuditAction.MemberRoleChanged,
        TargetType = "membership",
        TargetId = "m-42|x:y",
        Outcome = AuditOutcome.Denied,
        IpAddress = "2001:db8::1",
        UserAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
        Reason = "role Operator -> Admin; card ****4242",
        Details = """{"from":"Operator","to":"Admin","note":"ünïcödé"}""",
    };

    internal static byte[] PreviousHash() => Enumerable.Range(0, 32).Select(i => (byte)(i * 7 + 3)).ToArray();

    private static AuditEntry SparseEntry() => new()
    {
        MerchantId = AuditEntry.PlatformChain,
        Sequence = 1,
        Id = Guid.Parse("01937a4e-0000-7000-8000-000000000001"),
        OccurredAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
        ActorType = AuditActorType.System,
        ActorName = "",
        Action = AuditAction.SignInFailed,
        Outcome = AuditOutcome.Failure,
        Details = "{}",
    };
}
