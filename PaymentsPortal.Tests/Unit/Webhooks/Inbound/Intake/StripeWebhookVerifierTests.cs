using PaymentsPortal.Core.Webhooks.Inbound.Intake;
using PaymentsPortal.Sandbox.Webhooks;

namespace PaymentsPortal.Tests.Unit.Webhooks.Inbound.Intake;

/// <summary>
/// The portal's check (Stripe.net's EventUtility) against the Stripe simulator's signer, written separately from Stripe's
/// documentation: each side proves the other right.
/// </summary>
[Trait("Tier", "Unit")]
public sealed class StripeWebhookVerifierTests
{
    private const string Secret = "whsec_unit_test_secret_0123456789";
    private const string Body = """{"id":"evt_1","object":"event","type":"payment_intent.succeeded","livemode":false,"created":1790000000,"data":{"object":{}}}""";
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Verify_SignedBySimulatorJustNow_Passes()
    {
        var header = SandboxWebhookSigning.StripeSignature(Body, Secret, Now);

        Assert.Null(StripeWebhookVerifier.Verify(Body, header, Secret, Now));
    }

    [Fact]
    public void Verify_BodyChangedAfterSigning_IsBadSignature()
    {
        var header = SandboxWebhookSigning.StripeSignature(Body, Secret, Now);

        Assert.Equal(IntakeOutcome.BadSignature, StripeWebhookVerifier.Verify(Body.Replace("succeeded", "canceled", StringComparison.Ordinal), header, Secret, Now));
    }

    [Fact]
    public void Verify_OtherSecret_IsBadSignature()
    {
        var header = SandboxWebhookSigning.StripeSignature(Body, "whsec_someone_else", Now);

        Assert.Equal(IntakeOutcome.BadSignature, StripeWebhookVerifier.Verify(Body, header, Secret, Now));
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(-3600)]
    public void Verify_SignedLongerAgoThanTheTolerance_IsStale(int secondsAgo)
    {
        var header = SandboxWebhookSigning.StripeSignature(Body, Secret, Now.AddSeconds(secondsAgo));

        Assert.Equal(IntakeOutcome.StaleTimestamp, StripeWebhookVerifier.Verify(Body, header, Secret, Now));
    }

    [Fact]
    public void Verify_SignedWithinTheTolerance_Passes()
    {
        var header = SandboxWebhookSigning.StripeSignature(Body, Secret, Now.AddSeconds(-299));

        Assert.Null(StripeWebhookVerifier.Verify(Body, header, Secret, Now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("t=1790000000")]
    [InlineData("v1=abc")]
    [InlineData("garbage")]
    public void Verify_MissingOrMalformedHeader_IsBadSignature(string? header)
    {
        Assert.Equal(IntakeOutcome.BadSignature, StripeWebhookVerifier.Verify(Body, header, Secret, Now));
    }

    [Fact]
    public void Verify_RotationSendsTwoSignatures_EitherSecretPasses()
    {
        var old = SandboxWebhookSigning.StripeSignature(Body, "whsec_old", Now);
        var current = SandboxWebhookSigning.StripeSignature(Body, Secret, Now);
        var both = old + ",v1=" + current.Split("v1=")[1];

        Assert.Null(StripeWebhookVerifier.Verify(Body, both, Secret, Now));
    }

    [Fact]
    public void TryReadEnvelope_Event_ReadsIdTypeModeAndTime()
    {
        Assert.True(StripeWebhookVerifier.TryReadEnvelope(Body, out var id, out var type, out var livemode, out var created));

        Assert.Equal(("evt_1", "payment_intent.succeeded", false, DateTimeOffset.FromUnixTimeSeconds(1790000000)), (id, type, livemode, created!.Value));
    }

    [Theory]
    [InlineData("""{"type":"x"}""")]
    [InlineData("""{"id":"evt_1"}""")]
    [InlineData("[]")]
    [InlineData("not json")]
    public void TryReadEnvelope_NoIdOrType_IsRefused(string body)
    {
        Assert.False(StripeWebhookVerifier.TryReadEnvelope(body, out _, out _, out _, out _));
    }
}
