using System.Security.Cryptography;
using PaymentsPortal.Core.Banking.Statements;

namespace PaymentsPortal.Core.Banking.Imports;

/// <summary>
/// An uploaded statement's bytes, read within the size limit, with their SHA-256 and a file name fit to keep. The bytes are
/// read here rather than by <see cref="StatementFile.LoadAsync"/> because the digest must be of exactly the bytes that were parsed.
/// </summary>
internal sealed class StatementUpload
{
    private StatementUpload(string fileName, byte[] bytes)
    {
        FileName = fileName;
        Bytes = bytes;
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    public string FileName { get; }

    public byte[] Bytes { get; }

    /// <summary>Lower-case hex, as <see cref="StatementImport.Sha256"/> keeps it.</summary>
    public string Sha256 { get; }

    /// <summary>The sentence for a file over the limit: the same whether the browser or the reader finds it too large.</summary>
    public static string TooLarge(long maxBytes) =>
        $"The file is larger than {StatementText.Size(maxBytes)}, the most one import accepts. Export a shorter date range and import that.";

    /// <summary>Reads <paramref name="content"/> to its end, stopping just past <paramref name="maxBytes"/>: then null and the problem.</summary>
    public static async Task<(StatementUpload? Upload, StatementProblem? Problem)> ReadAsync(
        string? fileName, Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return (null, new StatementProblem(null, null, TooLarge(maxBytes)));
            }

            buffer.Write(chunk, 0, read);
        }

        return (new StatementUpload(CleanFileName(fileName), buffer.ToArray()), null);
    }

    /// <summary>
    /// The name part only (a browser may send a path, with either kind of slash), without control characters, at most
    /// <see cref="StatementImport.FileNameMaxLength"/> characters with the extension kept, so the name still says what the file was.
    /// </summary>
    public static string CleanFileName(string? fileName)
    {
        var name = fileName ?? "";
        name = name[(name.LastIndexOfAny(['/', '\\']) + 1)..];
        name = new string([.. name.Select(c => char.IsControl(c) ? ' ' : c)]).Trim();
        if (name.Length == 0)
        {
            return "statement";
        }

        if (name.Length <= StatementImport.FileNameMaxLength)
        {
            return name;
        }

        var dot = name.LastIndexOf('.');
        var extension = dot > 0 && name.Length - dot <= 10 ? name[dot..] : "";
        var keep = StatementImport.FileNameMaxLength - extension.Length;
        if (char.IsHighSurrogate(name[keep - 1]))
        {
            keep--;
        }

        return name[..keep] + extension;
    }
}
