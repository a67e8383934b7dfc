using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Customers;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Tests.Unit.Customers;

[Trait("Tier", "Unit")]
public sealed class CustomerEmailMaskTests
{
    [Theory]
    [InlineData("jane.doe@example.com", "j•••@example.com")]
    [InlineData("j@example.com", "j•••@example.com")]
    [InlineData("  Jo@Example.COM ", "J•••@Example.COM")]
    [InlineData("\"a@b\"@example.com", "\"•••@example.com")]
    [InlineData("@example.com", "•••@example.com")]
    [InlineData("émilie@exemple.fr", "é•••@exemple.fr")]
    [InlineData("😀smile@example.com", "😀•••@example.com")]
    [InlineData("not-an-email", "•••")]
    public void Mask_KeepsTheFirstCharacterAndTheDomainOnly(string email, string expected) =>
        Assert.Equal(expected, CustomerEmailMask.Mask(email));

    [Fact]
    public void Mask_SameLengthWhateverTheLocalPartsLength() =>
        Assert.Equal(CustomerEmailMask.Mask("a@x.io")!.Length, CustomerEmailMask.Mask("abcdefghijklmnop@x.io")!.Length);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Mask_NoEmail_StaysEmpty(string? email) => Assert.Equal(email, CustomerEmailMask.Mask(email));

    [Theory]
    [InlineData(MerchantRole.Admin, "jane@example.com")]
    [InlineData(MerchantRole.Operator, "jane@example.com")]
    [InlineData(MerchantRole.Compliance, "jane@example.com")]
    [InlineData(MerchantRole.Viewer, "jane@example.com")]
    [InlineData(MerchantRole.Support, "j•••@example.com")]
    public void ShowTo_MasksForRolesWithoutCustomerData(MerchantRole role, string expected)
    {
        var membership = new MerchantAccess(Guid.NewGuid(), "Demo Coffee Co.", role);
        var viewer = new UserAccess(Guid.NewGuid(), "Someone", false, false, false, [membership], membership);

        Assert.Equal(expected, CustomerEmailMask.ShowTo(viewer, "jane@example.com"));
        Assert.Equal(role != MerchantRole.Support, viewer.Has(Permission.CustomerDataView));
    }

    [Fact]
    public void ShowTo_Anonymous_IsMasked() =>
        Assert.Equal("j•••@example.com", CustomerEmailMask.ShowTo(UserAccess.Anonymous, "jane@example.com"));
}
