using System.Globalization;

namespace PaymentsPortal.SyntheticData;

/// <summary>The options of <c>generate-payments</c>; null from <see cref="Parse"/> means the usage should be shown.</summary>
internal sealed record GeneratePaymentsOptions(long Count, int Merchants, int Days, int ChunkSize, string? MemberEmail)
{
    public const string Usage =
        "Usage: generate-payments [--count 1000000] [--merchants 10] [--days 365] [--chunk 100000] [--member you@example.com]";

    public static GeneratePaymentsOptions? Parse(IReadOnlyList<string> args, TextWriter errors)
    {
        var options = new GeneratePaymentsOptions(1_000_000, 10, 365, 100_000, null);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Count)
            {
                errors.WriteLine($"{name} needs a value.");
                return null;
            }

            var value = args[++i];
            switch (name)
            {
                case "--count" when long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0:
                    options = options with { Count = count };
                    break;
                case "--merchants" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var merchants) && merchants > 0:
                    options = options with { Merchants = merchants };
                    break;
                case "--days" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days > 0:
                    options = options with { Days = days };
                    break;
                case "--chunk" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var chunk) && chunk > 0:
                    options = options with { ChunkSize = chunk };
                    break;
                case "--member" when value.Contains('@', StringComparison.Ordinal):
                    options = options with { MemberEmail = value };
                    break;
                default:
                    errors.WriteLine($"Unknown option or bad value: {name} {value}");
                    return null;
            }
        }

        return options;
    }
}
