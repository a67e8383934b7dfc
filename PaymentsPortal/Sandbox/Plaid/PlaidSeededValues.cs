using System.Security.Cryptography;
using System.Text;

namespace PaymentsPortal.Sandbox.Plaid;

/// <summary>
/// The simulator's reproducible randomness: identifiers in Plaid's shape (37 base-62 characters, like
/// "BxBXxLj1m4HMXBm9WZZmCWVbPjX16EHwv99vp") hashed from the seed and a counter, and seeded dice for amounts and days.
/// Tokens are not made here: an access token is a credential and gets real randomness.
/// </summary>
internal sealed class PlaidSeededValues(int seed)
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private long issued;

    /// <summary>The next identifier; the same seed gives the same sequence.</summary>
    public string NextId(string kind)
    {
        var number = Interlocked.Increment(ref issued);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(FormattableString.Invariant($"{seed}:{kind}:{number}")));
        var id = new StringBuilder(37);
        for (var i = 0; i < 37; i++)
        {
            id.Append(Base62[(hash[i % hash.Length] + (i / hash.Length * 31)) % Base62.Length]);
        }

        return id.ToString();
    }

    /// <summary>Dice for one item's history, seeded from the simulator seed and the item's ordinal (not HashCode, which differs per process).</summary>
    public static PlaidDice Dice(int seed, long ordinal) => new(unchecked((int)((seed * 1_000_003L) + (ordinal * 7919L))));

    /// <summary>Plaid's request_id shape: 15 letters and digits.</summary>
    public static string RequestId() => RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 15);
}

/// <summary>Seeded dice: simulated bank data, not a security decision, so a seeded <see cref="Random"/> keeps every run the same.</summary>
internal sealed class PlaidDice(int seed)
{
#pragma warning disable CA5394
    private readonly Random random = new(seed);

    /// <summary>An integer in [min, max).</summary>
    public int Next(int min, int max) => random.Next(min, max);

    public bool Chance(double probability) => random.NextDouble() < probability;
#pragma warning restore CA5394
}
