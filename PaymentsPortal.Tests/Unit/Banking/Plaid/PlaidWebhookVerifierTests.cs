using System.Text;
using PaymentsPortal.Core.Banking.Plaid;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Unit.Banking.Plaid;

/// <summary>Plaid-Verification tokens signed with a real P-256 key, and every way one can be wrong.</summary>
[Trait("Tier", "Unit")]
public sealed class PlaidWebhookVerifierTests : IDisposable
{
    private const string Body = """{"webhook_type":"TRANSACTIONS","webhook_code":"SYNC_UPDATES_AVAILABLE","item_id":"wz666MBjYWTp2PDzzggYhM6oWWmBb","initial_update_complete":true,"historical_update_complete":false,"environment":"sandbox"}""";

    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    private readonly ManualClock clock = new(Now);
    private readonly PlaidWebhookSigner signer = new();
    private readonly PlaidTestHost host;

    public PlaidWebhookVerifierTests() => host = new PlaidTestHost(signer.ServeKeyFrom(new PlaidStubHandler()), time: clock);

    [Fact]
    public async Task VerifyAsync_FreshTokenForThisBody_Verified()
    {
        var result = await Verify(signer.Sign(Body, Now.AddSeconds(-10)), Body);

        Assert.True(result.IsVerified, result.Reason);
        Assert.Equal(PlaidWebhookVerificationStatus.Verified, result.Status);
    }

    [Fact]
    public async Task VerifyAsync_ManyWebhooksWithOneKey_FetchesTheKeyOnce()
    {
        for (var i = 0; i < 20; i++)
        {
            var body = Body.Replace("true", i % 2 == 0 ? "true" : "false", StringComparison.Ordinal);
            Assert.True((await Verify(signer.Sign(body, Now), body)).IsVerified);
        }

        Assert.Equal(1, host.Stub.CountFor(PlaidWebhookSigner.KeyPath));
    }

    [Fact]
    public async Task VerifyAsync_ConcurrentWebhooksWithANewKey_FetchOnce()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Verify(signer.Sign(Body, Now), Body)));

        Assert.All(results, r => Assert.True(r.IsVerified));
        Assert.Equal(1, host.Stub.CountFor(PlaidWebhookSigner.KeyPath));
    }

    [Fact]
    public async Task VerifyAsync_KeyOlderThanTheRefreshInterval_FetchedAgain()
    {
        await Verify(signer.Sign(Body, Now), Body);
        clock.Advance(PlaidWebhookKeyCache.RefreshAfter + TimeSpan.FromSeconds(1));

        var result = await Verify(signer.Sign(Body, clock.Now), Body);

        Assert.True(result.IsVerified);
        Assert.Equal(2, host.Stub.CountFor(PlaidWebhookSigner.KeyPath));
    }

    [Fact]
    public async Task VerifyAsync_TamperedSignature_BadSignature()
    {
        var token = signer.Sign(Body, Now);
        var parts = token.Split('.');
        var signature = Convert.FromBase64String(ToBase64(parts[2]));
        signature[10] ^= 0x01;

        var result = await Verify(parts[0] + "." + parts[1] + "." + PlaidWebhookSigner.Encode(signature), Body);

        Assert.Equal(PlaidWebhookVerificationStatus.BadSignature, result.Status);
    }

    [Fact]
    public async Task VerifyAsync_SignedByAnotherKeyUnderTheSameKid_BadSignature()
    {
        using var impostor = new PlaidWebhookSigner(signer.KeyId);

        var result = await Verify(impostor.Sign(Body, Now), Body);

        Assert.Equal(PlaidWebhookVerificationStatus.BadSignature, result.Status);
    }

    [Fact]
    public async Task VerifyAsync_UnknownKid_UnknownKey()
    {
        var result = await Verify(signer.Sign(Body, Now, kid: "00000000-0000-0000-0000-000000000000"), Body);

        Assert.Equal(PlaidWebhookVerificationStatus.UnknownKey, result.Status);
        Assert.False(result.CouldNotVerify);
    }

    [Fact]
    public async Task VerifyAsync_SameUnknownKidAgain_RefusedWithoutAskingPlaidUntilItIsForgotten()
    {
        const string Forged = "00000000-0000-0000-0000-000000000000";
        await Verify(signer.Sign(Body, Now, kid: Forged), Body);

        var again = await Verify(signer.Sign(Body, Now, kid: Forged), Body);
        Assert.Equal(PlaidWebhookVerificationStatus.UnknownKey, again.Status);
        Assert.Equal(1, host.Stub.CountFor(PlaidWebhookSigner.KeyPath));

        clock.Advance(PlaidWebhookKeyCache.UnknownFor);
        await Verify(signer.Sign(Body, clock.Now, kid: Forged), Body);
        Assert.Equal(2, host.Stub.CountFor(PlaidWebhookSigner.KeyPath));
    }

    [Fact]
    public async Task VerifyAsync_FloodOfNewKids_AtMostTheBudgetAMinute_ThenCouldNotVerifyUntilTheMinutePasses()
    {
        for (var i = 0; i < PlaidWebhookKeyCache.FetchesPerMinute; i++)
        {
            var forged = await Verify(signer.Sign(Body, Now, kid: Guid.NewGuid().ToString()), Body);
            Assert.Equal(PlaidWebhookVerificationStatus.UnknownKey, forged.Status);
        }

        var genuine = await Verify(signer.Sign(Body, Now), Body);
        Assert.Equal(PlaidWebhookVerificationStatus.KeyFetchFailed, genuine.Status);
        Assert.True(genuine.CouldNotVerify);
        Assert.Equal(PlaidWebhookKeyCache.FetchesPerMinute, host.Stub.CountFor(PlaidWebhookSigner.KeyPath));

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await Verify(signer.Sign(Body, clock.Now), Body)).IsVerified);
    }

    [Fact]
    public async Task VerifyAsync_KeyPlaidHasExpired_KeyExpired()
    {
        signer.ExpiredAt = Now.AddMinutes(-1).ToUnixTimeSeconds();

        var result = await Verify(signer.Sign(Body, Now), Body);

        Assert.Equal(PlaidWebhookVerificationStatus.KeyExpired, result.Status);
    }

    [Fact]
    public async Task VerifyAsync_CachedKeyReachesItsExpiry_KeyExpiredWithoutAnotherFetch()
    {
        signer.ExpiredAt = Now.AddMinutes(10).ToUnixTimeSeconds();
        Assert.True((await Verify(signer.Sign(Body, Now), Body)).IsVerified);
        clock.Advance(TimeSpan.FromMinutes(11));

        var result = await Verify(signer.Sign(Body, clock.Now), Body);

        Assert.Equal(PlaidWebhookVerificationStatus.KeyExpired, result.Status);
        Assert.Equal(1, host.Stub.CountFor(PlaidWebhookSigner.KeyPath));
    }

    [Fact]
    public async Task VerifyAsync_PlaidUnreachableForTheKey_KeyFetchFailedNotInvalid()
    {
        host.Stub.On(PlaidWebhookSigner.KeyPath, (_, _) => throw new HttpRequestException("connection refused"));

        var result = await Verify(signer.Sign(Body, Now), Body);

        Assert.Equal(PlaidWebhookVerificationStatus.KeyFetchFailed, result.Status);
        Assert.True(result.CouldNotVerify);
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(-3600)]
    [InlineData(31)]
    public async Task VerifyAsync_IssuedTooLongAgoOrInTheFuture_Stale(int offsetSeconds)
    {
        var result = await Verify(signer.Sign(Body, Now.AddSeconds(offsetSeconds)), Body);

        Assert.Equal(PlaidWebhookVerificationStatus.Stale, result.Status);
    }

    [Theory]
    [InlineData(-300)]
    [InlineData(30)]
    public async Task VerifyAsync_AtTheEdgesOfTheWindow_Verified(int offsetSeconds) =>
        Assert.True((await Verify(signer.Sign(Body, Now.AddSeconds(offsetSeconds)), Body)).IsVerified);

    [Fact]
    public async Task VerifyAsync_BodyChangedAfterSigning_BodyMismatch()
    {
        var result = await Verify(signer.Sign(Body, Now), Body.Replace("SYNC_UPDATES_AVAILABLE", "DEFAULT_UPDATE", StringComparison.Ordinal));

        Assert.Equal(PlaidWebhookVerificationStatus.BodyMismatch, result.Status);
    }

    [Fact]
    public async Task VerifyAsync_BodyReencoded_BodyMismatch()
    {
        // The same JSON with other whitespace is other bytes: verification must see the raw body.
        var result = await Verify(signer.Sign(Body, Now), Body.Replace(",", ", ", StringComparison.Ordinal));

        Assert.Equal(PlaidWebhookVerificationStatus.BodyMismatch, result.Status);
    }

    [Theory]
    [InlineData("HS256")]
    [InlineData("none")]
    [InlineData("RS256")]
    [InlineData("es256")]
    public async Task VerifyAsync_AlgorithmOtherThanES256_WrongAlgorithmWithoutFetchingAKey(string alg)
    {
        var result = await Verify(signer.Sign(Body, Now, alg: alg), Body);

        Assert.Equal(PlaidWebhookVerificationStatus.WrongAlgorithm, result.Status);
        Assert.Equal(0, host.Stub.CountFor(PlaidWebhookSigner.KeyPath));
    }

    [Fact]
    public async Task VerifyAsync_UnsignedNoneToken_WrongAlgorithm()
    {
        var header = PlaidWebhookSigner.Encode(Encoding.UTF8.GetBytes("""{"alg":"none","kid":"k"}"""));
        var payload = PlaidWebhookSigner.Encode(Encoding.UTF8.GetBytes("""{"iat":1,"request_body_sha256":"00"}"""));

        var result = await Verify(header + "." + payload + ".", Body);

        Assert.True(result.Status is PlaidWebhookVerificationStatus.WrongAlgorithm or PlaidWebhookVerificationStatus.Malformed);
        Assert.False(result.IsVerified);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-jwt")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData("!!!.???.***")]
    [InlineData("e30.e30.AAAA")]
    [InlineData("eyJhbGciOiJFUzI1NiJ9.e30.AAAA")]
    public async Task VerifyAsync_MalformedHeader_Malformed(string? token)
    {
        var result = await Verify(token, Body);

        Assert.Equal(PlaidWebhookVerificationStatus.Malformed, result.Status);
    }

    [Fact]
    public async Task VerifyAsync_BlankKid_MalformedWithoutAskingPlaid()
    {
        var header = PlaidWebhookSigner.Encode(Encoding.UTF8.GetBytes("""{"alg":"ES256","kid":"  "}"""));
        var rest = signer.Sign(Body, Now).Split('.', 2)[1];

        var result = await Verify(header + "." + rest, Body);

        Assert.Equal(PlaidWebhookVerificationStatus.Malformed, result.Status);
        Assert.Empty(host.Stub.Requests);
    }

    [Fact]
    public async Task VerifyAsync_KeyThatIsNotP256_KeyFetchFailed()
    {
        host.Stub.Reply(PlaidWebhookSigner.KeyPath, System.Net.HttpStatusCode.OK, $$"""
            {"key":{"alg":"ES384","created_at":1560466150,"crv":"P-384","expired_at":null,"kid":"{{signer.KeyId}}","kty":"EC","use":"sig",
             "x":"hKXLGIjWvCBv-cP5euCTxl8g9GLG9zHo_3pO5NN1DwQ","y":"shhexqPB7YffGn6fR6h2UhTSuCtPmfzQJ6ENVIoO4Ys"},"request_id":"r"}
            """);

        var result = await Verify(signer.Sign(Body, Now), Body);

        Assert.Equal(PlaidWebhookVerificationStatus.KeyFetchFailed, result.Status);
    }

    [Fact]
    public async Task VerifyAsync_HostileAlgValue_ReasonCutShortAndPrintable()
    {
        var result = await Verify(signer.Sign(Body, Now, alg: "HS256\r\nX-Injected: yes" + new string('a', 500)), Body);

        Assert.Equal(PlaidWebhookVerificationStatus.WrongAlgorithm, result.Status);
        Assert.DoesNotContain("\n", result.Reason, StringComparison.Ordinal);
        Assert.True(result.Reason.Length < 120, result.Reason);
    }

    [Fact]
    public async Task VerifyAsync_CriticalHeaderExtension_Malformed()
    {
        var header = PlaidWebhookSigner.Encode(Encoding.UTF8.GetBytes($$"""{"alg":"ES256","kid":"{{signer.KeyId}}","crit":["exp"]}"""));
        var rest = signer.Sign(Body, Now).Split('.', 2)[1];

        var result = await Verify(header + "." + rest, Body);

        Assert.Equal(PlaidWebhookVerificationStatus.Malformed, result.Status);
    }

    [Fact]
    public async Task VerifyAsync_DerEncodedSignature_BadSignature()
    {
        var parts = signer.Sign(Body, Now).Split('.');
        var raw = Convert.FromBase64String(ToBase64(parts[2]));
        var der = ToDer(raw);

        var result = await Verify(parts[0] + "." + parts[1] + "." + PlaidWebhookSigner.Encode(der), Body);

        Assert.Equal(PlaidWebhookVerificationStatus.BadSignature, result.Status);
    }

    public void Dispose()
    {
        host.Dispose();
        signer.Dispose();
    }

    private Task<PlaidWebhookVerification> Verify(string? token, string body) =>
        host.Verifier.VerifyAsync(token, Encoding.UTF8.GetBytes(body), CancellationToken.None);

    private static string ToBase64(string base64Url)
    {
        var text = base64Url.Replace('-', '+').Replace('_', '/');
        return text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
    }

    // A DER SEQUENCE of two INTEGERs: what a JWT library that forgot RFC 7518's raw form would produce.
    private static byte[] ToDer(byte[] raw)
    {
        static byte[] Integer(ReadOnlySpan<byte> value) =>
            value[0] >= 0x80 ? [0x02, (byte)(value.Length + 1), 0x00, .. value] : [0x02, (byte)value.Length, .. value];
        byte[] body = [.. Integer(raw.AsSpan(0, 32)), .. Integer(raw.AsSpan(32))];
        return [0x30, (byte)body.Length, .. body];
    }
}
