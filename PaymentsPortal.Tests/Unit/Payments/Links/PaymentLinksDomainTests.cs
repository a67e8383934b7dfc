using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Payments.Links;

namespace PaymentsPortal.Tests.Unit.Payments.Links;

/// <summary>A link's slug, what makes it payable, and which payments use it up.</summary>
[Trait("Tier", "Unit")]
public sealed class PaymentLinksDomainTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Slug_New_Is22Base64UrlCharactersAndNeverRepeats()
    {
        var slugs = Enumerable.Range(0, 1000).Select(_ => PaymentLinkSlug.New()).ToList();

        Assert.All(slugs, slug => Assert.True(PaymentLinkSlug.IsWellFormed(slug), slug));
        Assert.Equal(slugs.Count, slugs.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("AAAAAAAAAAAAAAAAAAAA/A")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAA")]
    public void Slug_NotBase64UrlOf128Bits_IsNotWellFormed(string? slug) => Assert.False(PaymentLinkSlug.IsWellFormed(slug));

    [Theory]
    [InlineData(1, 0, 0, PaymentLinkAvailability.Payable)]
    [InlineData(1, 1, 0, PaymentLinkAvailability.UsedUp)]
    [InlineData(null, 500, 0, PaymentLinkAvailability.Payable)]
    [InlineData(3, 2, 0, PaymentLinkAvailability.Payable)]
    [InlineData(3, 3, 0, PaymentLinkAvailability.UsedUp)]
    [InlineData(1, 0, 60, PaymentLinkAvailability.Expired)]
    [InlineData(1, 1, 60, PaymentLinkAvailability.Expired)]
    public void Availability_UsesAndTime_DecideWhetherItIsPayable(int? maxUses, int uses, int minutesLater, PaymentLinkAvailability expected)
    {
        var link = Link(maxUses, expiresAt: Now.AddMinutes(60));

        Assert.Equal(expected, link.AvailabilityAt(Now.AddMinutes(minutesLater), uses));
    }

    [Fact]
    public void Availability_Deactivated_WinsOverEverythingElse()
    {
        var link = Link(1, Now.AddMinutes(1));
        link.Deactivate(new ActingUser(Guid.NewGuid(), "Ada", AuditOrigin.None), Now);

        Assert.Equal(PaymentLinkAvailability.Deactivated, link.AvailabilityAt(Now.AddHours(1), uses: 5));
        Assert.Throws<InvalidOperationException>(() => link.Deactivate(new ActingUser(Guid.NewGuid(), "Bob", AuditOrigin.None), Now));
        Assert.Equal(2, link.Version);
    }

    [Theory]
    [InlineData(PaymentStatus.Failed, false)]
    [InlineData(PaymentStatus.Canceled, false)]
    [InlineData(PaymentStatus.Created, true)]
    [InlineData(PaymentStatus.Processing, true)]
    [InlineData(PaymentStatus.RequiresAction, true)]
    [InlineData(PaymentStatus.RequiresReconciliation, true)]
    [InlineData(PaymentStatus.RequiresReview, true)]
    [InlineData(PaymentStatus.Authorized, true)]
    [InlineData(PaymentStatus.Succeeded, true)]
    [InlineData(PaymentStatus.PartiallyRefunded, true)]
    [InlineData(PaymentStatus.Refunded, true)]
    public void Uses_OnlyPaymentsThatProvablyMovedNoMoney_GiveTheirUseBack(PaymentStatus status, bool counts) =>
        Assert.Equal(counts, PaymentLinkUses.Counts(status));

    [Fact]
    public void Uses_EveryStatusIsDecided() =>
        Assert.Equal(2, Enum.GetValues<PaymentStatus>().Count(s => !PaymentLinkUses.Counts(s)));

    private static PaymentLink Link(int? maxUses, DateTimeOffset expiresAt) =>
        PaymentLink.Create(Guid.NewGuid(), Guid.NewGuid(), PaymentLinkSlug.New(), new Money(1000, Currency.Usd), "Invoice", expiresAt, maxUses,
            new ActingUser(Guid.NewGuid(), "Olive Operator", AuditOrigin.None), Now.AddDays(-1));
}
