using System.Globalization;
using System.Text.Json;
using PaymentsPortal.Core.Audit;

namespace PaymentsPortal.Benchmarks;

/// <summary>
/// Entries shaped like the portal's real ones (a user changing a role from a browser), so that the
/// baseline rows, the appends and the verified chain all carry the same number of bytes per row.
/// </summary>
internal static class SampleAuditContent
{
    private const string ActorName = "Dana Operator";
    private const string IpAddress = "203.0.113.24";
    private const string UserAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    private const string Reason = "promoted to cover the holiday rota";

    private static readonly AuditAction[] Actions =
        [AuditAction.MemberRoleChanged, AuditAction.MemberAdded, AuditAction.MemberDisabled, AuditAction.AuditViewed];

    private static readonly Guid[] Users = [.. Enumerable.Range(0, 16).Select(_ => Guid.NewGuid())];

    /// <summary>What a feature would hand to <see cref="IAuditTrail.AppendAsync"/>.</summary>
    public static AuditRecord Record(Guid merchant, long n) =>
        new(merchant, Actions[n % Actions.Length], AuditOutcome.Success, AuditActor.User(User(n), ActorName),
            "membership", Target(n), Reason, new RoleChange("Operator", "Admin"), new AuditOrigin(IpAddress, UserAgent));

    /// <summary>The row that <see cref="AuditTrail"/> would store for <see cref="Record"/>, without its hash.</summary>
    public static AuditEntry Entry(Guid merchant, long sequence, DateTimeOffset at, byte[] previousHash) => new()
    {
        MerchantId = merchant,
        Sequence = sequence,
        Id = Guid.CreateVersion7(at),
        OccurredAt = at,
        ActorType = AuditActorType.User,
        ActorId = User(sequence).ToString(),
        ActorName = ActorName,
        Action = Actions[sequence % Actions.Length],
        TargetType = "membership",
        TargetId = Target(sequence),
        Outcome = AuditOutcome.Success,
        IpAddress = IpAddress,
        UserAgent = UserAgent,
        Reason = Reason,
        Details = Details,
        PreviousHash = previousHash,
    };

    private static string Details { get; } = JsonSerializer.Serialize(new RoleChange("Operator", "Admin"));

    private static Guid User(long n) => Users[n % Users.Length];

    private static string Target(long n) => "mbr_" + (n % 5000).ToString("D6", CultureInfo.InvariantCulture);

    private sealed record RoleChange(string From, string To);
}
