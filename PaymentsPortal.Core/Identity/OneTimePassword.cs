using System.Security.Cryptography;

namespace PaymentsPortal.Core.Identity;

/// <summary>Random first passwords for accounts an administrator creates; shown once, changed at first sign-in.</summary>
public static class OneTimePassword
{
    private const string Lower = "abcdefghijkmnopqrstuvwxyz";
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Digits = "23456789";
    private const string Symbols = "!#$%*+-=?@";

    public static string Generate(int length = 20)
    {
        var all = Lower + Upper + Digits + Symbols;
        var chars = new char[length];
        // One of each class first so the password policy always accepts it.
        chars[0] = Pick(Lower);
        chars[1] = Pick(Upper);
        chars[2] = Pick(Digits);
        chars[3] = Pick(Symbols);
        for (var i = 4; i < length; i++)
        {
            chars[i] = Pick(all);
        }

        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }

    private static char Pick(string from) => from[RandomNumberGenerator.GetInt32(from.Length)];
}
