using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Core.Banking.Statements;

/// <summary>
/// The de-duplication keys of statement lines. The storing side keeps them per bank account and skips a line whose
/// fingerprint it already has; the rules below make the same transaction get the same key however often, and in
/// whichever overlapping file, it is imported.
/// <para>
/// OFX: the bank's transaction id (FITID), which OFX requires to be unique and unchanging within an account, with the
/// account's last four characters. The full account number is deliberately left out: it is short enough to recover
/// from a hash by trying every number, and we never keep it.
/// </para>
/// <para>
/// CSV has no such id, so the key is the transaction itself: date, currency, amount in minor units, normalized
/// description (Unicode NFKC, white space collapsed, upper case), reference, and the occurrence index: how many
/// identical rows (same everything else) came before it in the same file. Because the date is part of the key, the
/// index counts within one day, so a file covering days 5–20 numbers day 7's two 5.00 coffees 0 and 1 exactly as a
/// file covering days 1–10 did, in whatever order the bank lists them, and they stay two transactions.
/// </para>
/// <para>
/// Limits (CSV): a file must hold every transaction of each day it covers, except that the newest day may gain rows
/// later (the new ones get the next indexes and are imported). A range that starts part-way through a day, a bank that
/// rewrites a description or date after the fact (pending to posted), a changed column mapping (another description
/// column) or a change of format between CSV and OFX gives new fingerprints, and the line is imported again.
/// </para>
/// </summary>
internal static class StatementFingerprint
{
    // A separator that normalized text can never contain, so ("ab", "c") and ("a", "bc") differ.
    private const char Separator = '\u001F';

    public static string ForOfx(string accountLast4, string fitId) =>
        "ofx1:" + Hash(string.Join(Separator, accountLast4.ToUpperInvariant(), fitId.Trim()));

    /// <summary>One fingerprint per row, in order; the occurrence index is counted over the whole list.</summary>
    public static IReadOnlyList<string> ForCsv(IReadOnlyList<(DateOnly Date, Money Amount, string Description, string? Reference)> rows)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var fingerprints = new string[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var (date, amount, description, reference) = rows[i];
            var key = string.Join(
                Separator,
                StatementDate.Iso(date),
                amount.Currency.Code,
                amount.MinorUnits.ToString(CultureInfo.InvariantCulture),
                Normalize(description),
                Normalize(reference ?? ""));
            var occurrence = seen.GetValueOrDefault(key);
            seen[key] = occurrence + 1;
            fingerprints[i] = "csv1:" + Hash(key + Separator + occurrence.ToString(CultureInfo.InvariantCulture));
        }

        return fingerprints;
    }

    /// <summary>Compatibility form, control characters and runs of white space as one space, trimmed, upper case.</summary>
    internal static string Normalize(string text) =>
        StatementText.CleanDescription(StatementText.CleanDescription(text).Normalize(NormalizationForm.FormKC)).ToUpperInvariant();

    private static string Hash(string canonical) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
}
