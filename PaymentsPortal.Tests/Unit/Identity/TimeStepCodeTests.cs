using PaymentsPortal.Core.Identity;

namespace PaymentsPortal.Tests.Unit.Identity;

[Trait("Tier", "Unit")]
public sealed class TimeStepCodeTests
{
    // RFC 6238 appendix B (SHA-1 seed "12345678901234567890"), last six digits of each 8-digit value.
    private const string RfcSeedBase32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    [Theory]
    [InlineData(59, "287082")]
    [InlineData(1111111109, "081804")]
    [InlineData(1234567890, "005924")]
    [InlineData(2000000000, "279037")]
    public void Compute_RfcTestVectors_MatchTheSpecification(long unixSeconds, string expected)
    {
        var key = TimeStepCode.DecodeKey(RfcSeedBase32);
        var step = TimeStepCode.StepAt(DateTimeOffset.FromUnixTimeSeconds(unixSeconds));

        Assert.Equal(expected, TimeStepCode.Compute(key, step));
    }

    [Fact]
    public void DecodeKey_NotBase32_Throws() =>
        Assert.Throws<FormatException>(() => TimeStepCode.DecodeKey("not-base32!"));
}
