using PaymentsPortal.Core.Merchants;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Tests.Unit.Merchants;

[Trait("Tier", "Unit")]
public sealed class MerchantNameTests
{
    [Theory]
    [InlineData("AB")]
    [InlineData("Demo Coffee Co.")]
    [InlineData("  Trimmed Books  ")]
    [InlineData("Café Zürich & Söhne")]
    public void Validate_AcceptableName_ReturnsNull(string name)
    {
        Assert.Null(MerchantName.Validate(name));
    }

    [Theory]
    [InlineData("")]
    [InlineData("A")]
    [InlineData("   A   ")]
    [InlineData("      ")]
    public void Validate_TooShort_ReturnsError(string name)
    {
        Assert.Contains("at least 2", MerchantName.Validate(name), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AtMaxLength_IsAccepted()
    {
        Assert.Null(MerchantName.Validate(new string('m', Merchant.NameMaxLength)));
    }

    [Fact]
    public void Validate_OverMaxLength_ReturnsError()
    {
        Assert.Contains("at most", MerchantName.Validate(new string('m', Merchant.NameMaxLength + 1)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Bad\u0007Bell")]
    [InlineData("Tab\tName")]
    [InlineData("Line\nBreak")]
    public void Validate_ControlCharacter_ReturnsError(string name)
    {
        Assert.Contains("control characters", MerchantName.Validate(name), StringComparison.Ordinal);
    }
}
