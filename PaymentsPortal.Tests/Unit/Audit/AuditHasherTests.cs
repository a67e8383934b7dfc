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
