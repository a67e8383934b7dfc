using System.Security.Cryptography;
using System.Text;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Routing;
using PaymentsPortal.Core.Idempotency;
using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Tests.Unit.Gateways.Routing;

/// <summary>What makes two pay requests "the same" for an Idempotency-Key, before and after payment links existed.</summary>
[Trait("Tier", "Unit")]
public sealed class PayCommandFingerprintTests
{
    private static readonly PayCommand Command = new(Guid.NewGuid(), "key", new Money(1234, Currency.Usd), new PaymentToken(GatewayKind.Stripe, "pm_card_visa"),
        true, "Invoice", "a@example.com", null, AuditActor.System("test"), null);

    [Fact]
    public void Fingerprint_WithoutALink_IsTheOneStoredBeforeLinksExisted()
    {
        // Keys are kept 48 hours across deployments: a request retried over an upgrade must still replay, not be refused.
        const string BeforeLinks =
            """{"amount":1234,"currency":"USD","token_issuer":"Stripe","token":"pm_card_visa","capture":true,"description":"Invoice","email":"a@example.com","return_url":null}""";

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(BeforeLinks))), IdempotencyKeys.Fingerprint(Command.Fingerprinted));
    }

    [Fact]
    public void Fingerprint_ThroughALink_DependsOnTheLink()
    {
        var link = Guid.NewGuid();
        var through = IdempotencyKeys.Fingerprint((Command with { PaymentLinkId = link }).Fingerprinted);

        Assert.Equal(through, IdempotencyKeys.Fingerprint((Command with { PaymentLinkId = link }).Fingerprinted));
        Assert.NotEqual(through, IdempotencyKeys.Fingerprint((Command with { PaymentLinkId = Guid.NewGuid() }).Fingerprinted));
        Assert.NotEqual(through, IdempotencyKeys.Fingerprint(Command.Fingerprinted));
    }
}
