using System.Text;
using PaymentsPortal.Core.Webhooks.Inbound.Intake;
using PaymentsPortal.Sandbox.Webhooks;

namespace PaymentsPortal.Tests.Unit.Webhooks.Inbound.Intake;

/// <summary>Braintree's bt_signature scheme: the portal's verifier against the simulator's signer.</summary>
[Trait("Tier", "Unit")]
public sealed class BraintreeWebhookVerifierTests
{
    private const string PublicKey = "public_key_1";
    private const string PrivateKey = "private_key_1";

    private static readonly string Payload = Convert.ToBase64String(Encoding.UTF8.GetBytes(
        """<notification><timestamp type="datetime">2026-11-24T12:00:00Z</timestamp><kind>transaction_settled</kind><subject><transaction><id>abc123</id></transaction></subject></notification>""")) + "\n";

    [Fact]
    public void Verify_SignedBySimulator_Passes()
    {
        var signature = SandboxWebhookSigning.BraintreeSignature(Payload, PublicKey, PrivateKey);

        Assert.True(BraintreeWebhookVerifier.Verify(signature, Payload, PublicKey, PrivateKey));
    }

    [Fact]
    public void Verify_SeveralPairs_UsesThePairForTheMerchantsPublicKey()
    {
        var signature = "other_key|0000000000000000000000000000000000000000&" + SandboxWebhookSigning.BraintreeSignature(Payload, PublicKey, PrivateKey);

        Assert.True(BraintreeWebhookVerifier.Verify(signature, Payload, PublicKey, PrivateKey));
    }

    [Fact]
    public void Verify_SignedWithATrailingNewlineThatDidNotArrive_PassesAsTheSdksAccept()
    {
        var received = Payload.TrimEnd('\n');
        var signature = SandboxWebhookSigning.BraintreeSignature(received + "\n", PublicKey, PrivateKey);

        Assert.True(BraintreeWebhookVerifier.Verify(signature, received, PublicKey, PrivateKey));
    }

    [Fact]
    public void Verify_PayloadChanged_Fails()
    {
        var signature = SandboxWebhookSigning.BraintreeSignature(Payload, PublicKey, PrivateKey);
        var tampered = "A" + Payload[1..];

        Assert.False(BraintreeWebhookVerifier.Verify(signature, tampered, PublicKey, PrivateKey));
    }

    [Fact]
    public void Verify_OtherPrivateKey_Fails()
    {
        var signature = SandboxWebhookSigning.BraintreeSignature(Payload, PublicKey, "someone_elses_private_key");

        Assert.False(BraintreeWebhookVerifier.Verify(signature, Payload, PublicKey, PrivateKey));
    }

    [Fact]
    public void Verify_NoPairForThePublicKey_Fails()
    {
        var signature = SandboxWebhookSigning.BraintreeSignature(Payload, "other_public_key", PrivateKey);

        Assert.False(BraintreeWebhookVerifier.Verify(signature, Payload, PublicKey, PrivateKey));
    }

    [Fact]
    public void Verify_PayloadWithCharactersOutsideBase64_FailsBeforeAnyHashing()
    {
        var payload = Payload + "<";
        var signature = SandboxWebhookSigning.BraintreeSignature(payload, PublicKey, PrivateKey);

        Assert.False(BraintreeWebhookVerifier.Verify(signature, payload, PublicKey, PrivateKey));
    }

    [Fact]
    public void TryReadEnvelope_Notification_ReadsKindAndTimestamp()
    {
        Assert.True(BraintreeWebhookVerifier.TryReadEnvelope(Payload, out var kind, out var timestamp));

        Assert.Equal(("transaction_settled", new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero)), (kind, timestamp!.Value));
    }

    [Fact]
    public void TryReadEnvelope_DocumentTypeDeclaration_IsRefused()
    {
        var withDtd = Convert.ToBase64String(Encoding.UTF8.GetBytes(
            """<!DOCTYPE notification [<!ENTITY x SYSTEM "file:///etc/passwd">]><notification><kind>&x;</kind></notification>"""));

        Assert.False(BraintreeWebhookVerifier.TryReadEnvelope(withDtd, out _, out _));
    }

    [Fact]
    public void EventIdOf_SamePayload_IsTheSameIdAndAnotherPayloadIsNot()
    {
        Assert.Equal(BraintreeWebhookVerifier.EventIdOf(Payload), BraintreeWebhookVerifier.EventIdOf(Payload));
        Assert.NotEqual(BraintreeWebhookVerifier.EventIdOf(Payload), BraintreeWebhookVerifier.EventIdOf(Payload + "\n"));
        Assert.StartsWith("sha256:", BraintreeWebhookVerifier.EventIdOf(Payload), StringComparison.Ordinal);
    }
}
