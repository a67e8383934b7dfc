using PaymentsPortal.Core.Redaction;

namespace PaymentsPortal.Tests.Unit.Redaction;

[Trait("Tier", "Unit")]
public sealed class SensitiveDataRedactorTests
{
    // Stripe's and the networks' published test card numbers, in the shapes people paste them.
    public static TheoryData<string, string> CardCorpus => new()
    {
        { "card 4242424242424242 declined", "card ****4242 declined" },
        { "Customer read out 4242 4242 4242 4242 on the phone", "Customer read out ****4242 on the phone" },
        { "pan=4000-0000-0000-0002&amount=500", "pan=[redacted]&amount=500" },
        { "Amex 378282246310005, Diners 30569309025904", "Amex ****0005, Diners ****5904" },
        { "Discover 6011 0009 9013 9424.", "Discover ****9424." },
        { "UnionPay 19 digits: 6205500000000000004", "UnionPay 19 digits: ****0004" },
        { "JCB (3566002020360505)", "JCB (****0505)" },
        { "Mastercard 2-series 2223003122003222 and 5555555555554444", "Mastercard 2-series ****3222 and ****4444" },
    };

    // Digit runs that are not card numbers stay as they are: they are needed to investigate.
    public static TheoryData<string> NotCards => new()
    {
        "order 4242424242424241 (fails Luhn)",
        "amount 1250 EUR, attempt 3",
        "phone +44 20 7946 0958",
        "twelve digits 424242424242",
        "twenty digits 42424242424242424242",
        "pi_3PqXyZ2eZvKYlo2C1abcdEFG",
        "2026-11-23T15:10:00Z",
    };

    [Theory]
    [MemberData(nameof(CardCorpus))]
    public void Redact_CardNumbers_AreMaskedToTheLastFour(string input, string expected) =>
        Assert.Equal(expected, SensitiveDataRedactor.Redact(input));

    [Theory]
    [MemberData(nameof(NotCards))]
    public void Redact_NumbersThatAreNotCards_AreKept(string input) =>
        Assert.Equal(input, SensitiveDataRedactor.Redact(input));

    [Theory]
    [InlineData("using sk_test_4eC39HqLyjWDarjtT1zdp7dc for sandbox", "sk_test_4eC39Hq")]
    [InlineData("restricted rk_live_abcdefghijklmnop", "rk_live_abcdef")]
    [InlineData("endpoint secret whsec_5f0a7c2b8e9d4a1b3c6e", "whsec_5f0a7c")]
    [InlineData("item token access-sandbox-de3ce8ef-33f8-452c-a685-8671031fc0f6", "de3ce8ef-33f8")]
    [InlineData("exchanged public-production-1c2d3e4f-aaaa-bbbb-cccc-111122223333", "1c2d3e4f-aaaa")]
    [InlineData("{\"email\":\"a@b.c\",\"password\":\"Demo-Passw0rd!\"}", "Demo-Passw0rd!")]
    [InlineData("password=Hunter2-Hunter2&email=a@b.c", "Hunter2-Hunter2")]
    [InlineData("client_secret: pi_123_secret_abc", "pi_123_secret_abc")]
    [InlineData("Authorization: Bearer eyJhbGciOiJFUzI1NiJ9.eyJpYXQiOjF9.c2lnbmF0dXJl", "eyJhbGciOiJFUzI1NiJ9")]
    [InlineData("Authorization: Basic dXNlcjpwYXNz", "dXNlcjpwYXNz")]
    [InlineData("Cookie: pp.auth=CfDJ8abc; pp.antiforgery=CfDJ8xyz", "CfDJ8")]
    [InlineData("totp=123456 accepted", "123456")]
    [InlineData("\"webhook_secret\": \"whsec_live_value\"", "whsec_live_value")]
    [InlineData("braintree private_key=2f4e6a8c0b1d3f5e", "2f4e6a8c0b1d3f5e")]
    public void Redact_Secrets_NeverAppear(string input, string secret)
    {
        var redacted = SensitiveDataRedactor.Redact(input);

        Assert.DoesNotContain(secret, redacted, StringComparison.Ordinal);
        Assert.Contains(SensitiveDataRedactor.Redacted, redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_LiveStripeKey_NeverAppears()
    {
        // Assembled at run time so that no live-looking key is committed, even a fake one.
        var key = "sk_" + "live_" + "51HqLyjWDarjtT1zdp7dcXGSOnekDmzhK9g";

        var redacted = SensitiveDataRedactor.Redact($"Stripe key {key} was rejected");

        Assert.Equal("Stripe key sk_live_[redacted] was rejected", redacted);
    }

    [Fact]
    public void Redact_OrdinaryText_IsUnchanged()
    {
        const string text = "Refund of 12.50 EUR for payment pay_01J9 approved by admin@demo.local: customer request";

        Assert.Equal(text, SensitiveDataRedactor.Redact(text));
    }

    [Fact]
    public void RedactJson_NestedDocument_RedactsByNameAndByContent()
    {
        const string json = """
            {"user":"admin@demo.local","newPassword":"S3cret-Passw0rd!","gateway":{"apiKey":"abc","note":"card 4242 4242 4242 4242"},
             "cards":[4000056655665556, "5555-5555-5555-4444"],"amount":1250,"client_secret":"pi_1_secret_2"}
            """;

        var redacted = SensitiveDataRedactor.RedactJson(json);

        Assert.DoesNotContain("S3cret", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("\"abc\"", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("pi_1_secret_2", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("4242 4242", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("4000056655665556", redacted, StringComparison.Ordinal);
        Assert.Contains("****5556", redacted, StringComparison.Ordinal);
        Assert.Contains("****4444", redacted, StringComparison.Ordinal);
        Assert.Contains("\"amount\":1250", redacted, StringComparison.Ordinal);
        Assert.Contains("admin@demo.local", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void RedactJson_NotJson_IsRedactedAsText() =>
        Assert.Equal("oops ****4242 {", SensitiveDataRedactor.RedactJson("oops 4242424242424242 {"));

    [Theory]
    [InlineData("4242424242424242", true)]
    [InlineData("4242424242424241", false)]
    [InlineData("79927398713", true)]
    public void PassesLuhn_KnownValues(string digits, bool expected) =>
        Assert.Equal(expected, CardNumbers.PassesLuhn(digits));
}
