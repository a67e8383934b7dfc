using PaymentsPortal.Core.Identity;

namespace PaymentsPortal.Tests.Unit.Identity;

[Trait("Tier", "Unit")]
public sealed class EmailAddressTests
{
    [Theory]
    [InlineData("a@b.co")]
    [InlineData("first.last@example.com")]
    [InlineData("user+tag@sub.example.org")]
    [InlineData("admin@demo.local")]
    public void IsValid_PlainAddress_IsAccepted(string value)
    {
        Assert.True(EmailAddress.IsValid(value));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("no-at-sign.example.com")]
    [InlineData("nodot@localhost")]
    [InlineData("two@@example.com")]
    [InlineData("Ada Admin <ada@example.com>")]
    [InlineData(" ada@example.com")]
    [InlineData("ada@example.com ")]
    [InlineData("@example.com")]
    [InlineData("ada@")]
    public void IsValid_NotAPlainAddress_IsRejected(string? value)
    {
        Assert.False(EmailAddress.IsValid(value));
    }

    [Fact]
    public void IsValid_LongerThanMaxLength_IsRejected()
    {
        var local = new string('a', 60);
        var domain = string.Join('.', Enumerable.Repeat(new string('b', 60), 4)) + ".com";
        var value = $"{local}@{domain}";
        Assert.True(value.Length > EmailAddress.MaxLength);

        Assert.False(EmailAddress.IsValid(value));
    }
}
