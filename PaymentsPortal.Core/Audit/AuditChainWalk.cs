using System.Globalization;
using System.Text;
using Npgsql;

namespace PaymentsPortal.Core.Audit;

/// <summary>
/// Re-walks one range of a chain's rows in sequence order, straight from the data reader: each row's
/// fields are written into a reused canonical buffer as the database stores them (text stays UTF-8),
/// so checking an entry allocates nothing. The first entry that breaks the sequence, its link or its
/// hash ends the walk. A range that does not start the chain cannot check its first row's link itself:
/// it keeps that link for <see cref="AuditVerifier"/> to compare with the previous range's last hash.
/// </summary>
internal sealed class AuditChainWalk : IDisposable
{
    // The column order the walk reads; the hashed order is the one in AuditCanonicalForm.AddFields.
    public const string Columns =
        "sequence, previous_hash, id, occurred_at, actor_type, actor_id, actor_name, action, target_type, target_id, " +
        "outcome, ip_address, user_agent, reason, details, hash";

    public const string ContentMismatch = "the entry's content does not match its hash";
    public const string LinkMismatch = "the link to the previous entry does not match";

    // Progress is added up across ranges in batches, so that parallel walks do not contend for it on every row.
    private const int ProgressBatch = 4096;

    private static readonly (byte[] Name, int Value)[] ActorTypes = NamesOf<AuditActorType>();
    private static readonly (byte[] Name, int Value)[] Outcomes = NamesOf<AuditOutcome>();

    private readonly Guid chain;
    private readonly bool startsChain;
    private readonly AuditVerificationProgress progress;
    private readonly AuditCanonicalForm form = new();
    private readonly byte[] previous = new byte[AuditHasher.HashSize];
    private readonly byte[] computed = new byte[AuditHasher.HashSize];
    private byte[] text = new byte[4096];
    private byte[] stored = new byte[2 * AuditHasher.HashSize];
    private int previousLength;

    /// <param name="firstSequence">The sequence the range's first row must have.</param>
    public AuditChainWalk(Guid chain, long firstSequence, AuditVerificationProgress progress)
    {
        this.chain = chain;
        this.progress = progress;
        FirstSequence = firstSequence;
        NextSequence = firstSequence;
        // The chain's first entry links to nothing; any other range learns its first link from the row.
        startsChain = firstSequence == 1;
    }

    public long FirstSequence { get; }

    /// <summary>The sequence the next row must have: one past the last verified entry.</summary>
    public long NextSequence { get; private set; }

    /// <summary>The sequence found in the range's first row, or null for a range without rows.</summary>
    public long? FirstRowSequence { get; private set; }

    /// <summary>The stored link of a range's first row, when the range does not start the chain and that row's sequence was right.</summary>
    public byte[]? FirstLink { get; private set; }

    /// <summary>The first bad entry of the range and what is wrong with it, as far as the range alone can tell.</summary>
    public (long Sequence, string Problem)? Broken { get; private set; }

    /// <summary>The hash of the range's last verified entry (empty before the first).</summary>
    public ReadOnlySpan<byte> LastHash => previous.AsSpan(0, previousLength);

    /// <summary>
    /// Reads rows of <see cref="Columns"/> ordered by sequence until the range ends or an entry is bad.
    /// Synchronous on purpose: <see cref="AuditVerifier"/> runs it on a thread of its own.
    /// </summary>
    public void Walk(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var unreported = 0;
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Check(reader) is { } problem)
            {
                Broken = (NextSequence, problem);
                break;
            }

            NextSequence++;
            if (++unreported == ProgressBatch)
            {
                progress.Add(unreported);
                unreported = 0;
            }
        }

        progress.Add(unreported);
    }

    private string? Check(NpgsqlDataReader reader)
    {
        var sequence = reader.GetInt64(0);
        FirstRowSequence ??= sequence;
        if (sequence != NextSequence)
        {
            return string.Create(CultureInfo.InvariantCulture, $"expected sequence {NextSequence}, found {sequence}");
        }

        var link = ReadBytes(reader, 1, ref stored);
        if (sequence == FirstSequence && !startsChain)
        {
            FirstLink = link.ToArray();
        }
        else if (!link.SequenceEqual(LastHash))
        {
            return LinkMismatch;
        }

        form.Begin(link);
        if (!AddFields(reader, sequence))
        {
            return ContentMismatch;
        }

        form.HashTo(computed);
        if (!ReadBytes(reader, 15, ref stored).SequenceEqual(computed))
        {
            return ContentMismatch;
        }

        computed.CopyTo(previous, 0);
        previousLength = computed.Length;
        return null;
    }

    // Same fields and order as AuditCanonicalForm.AddFields, taken from the row instead of an entity.
    private bool AddFields(NpgsqlDataReader reader, long sequence)
    {
        form.Add(chain);
        form.Add(sequence);
        form.Add(reader.GetGuid(2));
        form.Add(reader.GetFieldValue<DateTime>(3));
        if (!TryAddEnum(reader, 4, ActorTypes))
        {
            return false;
        }

        AddText(reader, 5);
        AddText(reader, 6);
        form.Add(reader.GetInt32(7));
        AddText(reader, 8);
        AddText(reader, 9);
        if (!TryAddEnum(reader, 10, Outcomes))
        {
            return false;
        }

        AddText(reader, 11);
        AddText(reader, 12);
        AddText(reader, 13);
        AddText(reader, 14);
        return true;
    }

    private void AddText(NpgsqlDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            form.AddNull();
        }
        else
        {
            form.AddUtf8(ReadBytes(reader, ordinal, ref text));
        }
    }

    // Stored as the enum's name (what the app writes) but hashed as its number. EF would also accept other
    // spellings ("user", "1"); here any text but the exact name counts as tampering.
    private bool TryAddEnum(NpgsqlDataReader reader, int ordinal, (byte[] Name, int Value)[] names)
    {
        var name = ReadBytes(reader, ordinal, ref text);
        foreach (var (candidate, value) in names)
        {
            if (name.SequenceEqual(candidate))
            {
                form.Add(value);
                return true;
            }
        }

        return false;
    }

    // Copies a text or bytea column into a reused buffer (Npgsql hands text over as its UTF-8 bytes), in one
    // call when it fits; a value that fills the buffer may be longer, so it is measured and read again.
    private static ReadOnlySpan<byte> ReadBytes(NpgsqlDataReader reader, int ordinal, ref byte[] buffer)
    {
        var read = (int)reader.GetBytes(ordinal, 0, buffer, 0, buffer.Length);
        if (read < buffer.Length)
        {
            return buffer.AsSpan(0, read);
        }

        var size = (int)reader.GetBytes(ordinal, 0, null, 0, 0);
        if (size > buffer.Length)
        {
            buffer = new byte[Math.Max(size, buffer.Length * 2)];
        }

        return buffer.AsSpan(0, (int)reader.GetBytes(ordinal, 0, buffer, 0, size));
    }

    public void Dispose() => form.Dispose();

    private static (byte[] Name, int Value)[] NamesOf<TEnum>()
        where TEnum : struct, Enum =>
        [.. Enum.GetValues<TEnum>().Select(v => (Encoding.UTF8.GetBytes(v.ToString()), Convert.ToInt32(v, CultureInfo.InvariantCulture)))];
}
