using System.Security.Cryptography;

namespace PaymentsPortal.Core.Audit.Checkpoints;

/// <summary>
/// Checks a checkpoint signature with nothing but the public key, as an auditor does: ECDSA P-256 over
/// SHA-256 of the statement bytes, the signature DER-encoded (RFC 3279), which is openssl's format.
/// </summary>
public static class CheckpointSignatures
{
    public const DSASignatureFormat Format = DSASignatureFormat.Rfc3279DerSequence;

    // The only curve we sign with; a proof that names another key type is refused rather than trusted.
    private const string P256Oid = "1.2.840.10045.3.1.7";

    public static bool Verify(string publicKeyPem, byte[] statement, byte[] signature)
    {
        using var key = ImportPublicKey(publicKeyPem);
        return key is not null && key.VerifyData(statement, signature, HashAlgorithmName.SHA256, Format);
    }

    /// <summary>The key's SubjectPublicKeyInfo bytes, to compare two PEM texts by the key they hold; null if unreadable.</summary>
    public static byte[]? PublicKeyBytes(string publicKeyPem)
    {
        using var key = ImportPublicKey(publicKeyPem);
        return key?.ExportSubjectPublicKeyInfo();
    }

    private static ECDsa? ImportPublicKey(string publicKeyPem)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(publicKeyPem);
            if (key.ExportParameters(includePrivateParameters: false).Curve.Oid.Value == P256Oid)
            {
                return key;
            }
        }
        catch (ArgumentException)
        {
            // Not a PEM EC key at all.
        }
        catch (CryptographicException)
        {
            // A PEM block whose contents are not a valid key.
        }

        key.Dispose();
        return null;
    }
}
