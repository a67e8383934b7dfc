using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PaymentsPortal.Core.Audit;

/// <summary>
/// The bytes an entry's hash covers: the previous entry's hash, then each field as <c>length:value|</c>
/// (the length counts UTF-16 code units, the value is UTF-8) or <c>-|</c> for null. One instance is
/// reused from entry to entry, so hashing a long chain allocates nothing per entry.
/// </summary>
/// <remarks>
/// This is byte for byte what the first implementation produced by concatenating the fields into a
/// string and encoding it as UTF-8; stored chains depend on it (AuditHasherTests pins two hashes).
/// </remarks>
internal sealed class AuditCanonicalForm : IDisposable
{
    // Prepended to every entry: the version field "v1" in its length-prefixed form.
    private static readonly byte[] VersionField = "2:v1|"u8.ToArray();

    // Reused rather than SHA256.HashData: with OpenSSL 3 each one-shot call sets up and frees a digest context,
    // which for a few hundred bytes costs as much as the hashing itself.
    private readonly IncrementalHash sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private byte[] buffer = new byte[1024];
    private int length;

    /// <summary>Starts a new entry that links to <paramref name="previousHash"/> (empty for the first entry of a chain).</summary>
    public void Begin(ReadOnlySpan<byte> previousHash)
    {
        length = 0;
        Write(previousHash);
        Write(VersionField);
    }

    /// <summary>The fields after the version, in their hashed order: this order is part of the format.</summary>
    public void AddFields(AuditEntry entry)
    {
        Add(entry.MerchantId);
        Add(entry.Sequence);
        Add(entry.Id);
        Add(entry.OccurredAt.UtcDateTime);
        Add((int)entry.ActorType);
        Add(entry.ActorId);
        Add(entry.ActorName);
        Add((int)entry.Action);
        Add(entry.TargetType);
        Add(entry.TargetId);
        Add((int)entry.Outcome);
        Add(entry.IpAddress);
        Add(entry.UserAgent);
        Add(entry.Reason);
        Add(entry.Details);
    }

    public void Add(string? value)
    {
        if (value is null)
        {
            AddNull();
            return;
        }

        WriteLengthPrefix(value.Length);
        Ensure(Encoding.UTF8.GetMaxByteCount(value.Length) + 1);
        length += Encoding.UTF8.GetBytes(value, buffer.AsSpan(length));
        buffer[length++] = (byte)'|';
    }

    /// <summary>A non-null text value as the database stores it (UTF-8), without decoding it to a string first.</summary>
    public void AddUtf8(ReadOnlySpan<byte> value)
    {
        // PostgreSQL only stores valid UTF-8, whose UTF-16 length is what the string's Length would be.
        WriteLengthPrefix(Encoding.UTF8.GetCharCount(value));
        Ensure(value.Length + 1);
        Write(value);
        buffer[length++] = (byte)'|';
    }

    /// <summary>Null and empty differ ("-|" versus "0:|"), so a removed value cannot pass for an empty one.</summary>
    public void AddNull()
    {
        Ensure(2);
        buffer[length++] = (byte)'-';
        buffer[length++] = (byte)'|';
    }

    public void Add(Guid value)
    {
        Span<byte> text = stackalloc byte[36];
        value.TryFormat(text, out var written, "D");
        AddAscii(text[..written]);
    }

    public void Add(long value)
    {
        Span<byte> text = stackalloc byte[20];
        value.TryFormat(text, out var written, default, CultureInfo.InvariantCulture);
        AddAscii(text[..written]);
    }

    /// <summary>A UTC time as <c>yyyy-MM-ddTHH:mm:ss.ffffffZ</c>: fractions are truncated to microseconds, as PostgreSQL stores them.</summary>
    public void Add(DateTime utc)
    {
        Span<byte> text = stackalloc byte[27];
        Digits(text[..4], utc.Year);
        text[4] = (byte)'-';
        Digits(text.Slice(5, 2), utc.Month);
        text[7] = (byte)'-';
        Digits(text.Slice(8, 2), utc.Day);
        text[10] = (byte)'T';
        Digits(text.Slice(11, 2), utc.Hour);
        text[13] = (byte)':';
        Digits(text.Slice(14, 2), utc.Minute);
        text[16] = (byte)':';
        Digits(text.Slice(17, 2), utc.Second);
        text[19] = (byte)'.';
        Digits(text.Slice(20, 6), (int)(utc.Ticks % TimeSpan.TicksPerSecond / 10));
        text[26] = (byte)'Z';
        AddAscii(text);
    }

    public void HashTo(Span<byte> destination)
    {
        sha256.AppendData(buffer, 0, length);
        sha256.GetHashAndReset(destination);
    }

    public void Dispose() => sha256.Dispose();

    private void AddAscii(ReadOnlySpan<byte> text)
    {
        WriteLengthPrefix(text.Length);
        Ensure(text.Length + 1);
        Write(text);
        buffer[length++] = (byte)'|';
    }

    private void WriteLengthPrefix(int value)
    {
        Ensure(12);
        value.TryFormat(buffer.AsSpan(length), out var written, default, CultureInfo.InvariantCulture);
        length += written;
        buffer[length++] = (byte)':';
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(buffer.AsSpan(length));
        length += bytes.Length;
    }

    private void Ensure(int more)
    {
        if (length + more > buffer.Length)
        {
            Array.Resize(ref buffer, Math.Max(buffer.Length * 2, length + more));
        }
    }

    // Zero-padded decimal digits filling the whole span, like the "yyyy", "MM" or "ffffff" format specifiers.
    private static void Digits(Span<byte> destination, int value)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }
}
