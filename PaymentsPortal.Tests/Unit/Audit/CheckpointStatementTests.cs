using System.Security.Cryptography;
using PaymentsPortal.Core.Audit.Checkpoints;

namespace PaymentsPortal.Tests.Unit.Audit;

[Trait("Tier", "Unit")]
public sealed class CheckpointStatementTests
{
    private static readonly CheckpointStatement Sample = new(
        Guid.Parse("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"),
        new DateTimeOffset(2026, 11, 23, 17, 0, 0, TimeSpan.Zero).AddTicks(1234560),
        new string('a', 60) + "0f9e",
        3,
        Guid.Parse("0193a1b2-0000-7000-8000-000000000001"));

    [Fact]
    public void ToText_IsTheDocumentedFormat()
    {
        Assert.Equal(
            "PaymentsPortal audit checkpoint v1\n" +
            "checkpoint: 0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b\n" +
            "created_at: 2026-11-23T17:00:00.123456Z\n" +
            "root: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa0f9e\n" +
            "leaves: 3\n" +
            "key: 0193a1b2-0000-7000-8000-000000000001\n",
            Sample.ToText());
    }

    [Fact]
    public void TryParse_CanonicalText_RoundTrips() =>
        Assert.Equal(Sample, CheckpointStatement.TryParse(Sample.ToText()));

    [Theory]
    [InlineData("\n", "\r\n")]
    [InlineData("leaves: 3", "leaves: 03")]
    [InlineData("leaves: 3", "leaves: +3")]
    [InlineData("root: aaaa", "root: AAAA")]
    [InlineData("checkpoint: 0193a1b2", "checkpoint: 0193A1B2")]
    [InlineData("v1\n", "v2\n")]
    [InlineData(".123456Z", ".123456+00:00")]
    [InlineData("key: ", "key:  ")]
    public void TryParse_NonCanonicalText_IsRejected(string from, string to)
    {
        var text = Sample.ToText();
        Assert.Contains(from, text, StringComparison.Ordinal);

        Assert.Null(CheckpointStatement.TryParse(text.Replace(from, to, StringComparison.Ordinal)));
    }

    [Fact]
    public void TryParse_TrailingLineOrMissingFinalNewline_IsRejected()
    {
        Assert.Null(CheckpointStatement.TryParse(Sample.ToText() + "extra: 1\n"));
        Assert.Null(CheckpointStatement.TryParse(Sample.ToText().TrimEnd('\n')));
    }

    [Fact]
    public void Signature_OverStatement_VerifiesAndFailsWhenTheStatementChanges()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var publicKey = key.ExportSubjectPublicKeyInfoPem();
        var signature = key.SignData(Sample.ToBytes(), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

        Assert.True(CheckpointSignatures.Verify(publicKey, Sample.ToBytes(), signature));
        Assert.False(CheckpointSignatures.Verify(publicKey, (Sample with { LeafCount = 4 }).ToBytes(), signature));
        Assert.False(CheckpointSignatures.Verify(publicKey, (Sample with { RootHex = new string('b', 64) }).ToBytes(), signature));
    }

    [Fact]
    public void Signature_OtherKeyOrCurve_DoesNotVerify()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var signature = key.SignData(Sample.ToBytes(), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var p384Signature = p384.SignData(Sample.ToBytes(), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

        Assert.False(CheckpointSignatures.Verify(other.ExportSubjectPublicKeyInfoPem(), Sample.ToBytes(), signature));
        Assert.False(CheckpointSignatures.Verify(p384.ExportSubjectPublicKeyInfoPem(), Sample.ToBytes(), p384Signature));
        Assert.False(CheckpointSignatures.Verify("not a key", Sample.ToBytes(), signature));
    }
}
