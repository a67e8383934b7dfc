using PaymentsPortal.Core.Payments;
using PaymentsPortal.Sandbox;
using PaymentsPortal.Sandbox.Faults;
using PaymentsPortal.Sandbox.TestPayments;

namespace PaymentsPortal.Tests.Unit.Sandbox;

[Trait("Tier", "Unit")]
public sealed class SandboxFaultInputTests
{
    [Theory]
    [InlineData(-1, 0, "Added latency: Enter a latency from 0 to 30000 ms.")]
    [InlineData(30_001, 0, "Added latency: Enter a latency from 0 to 30000 ms.")]
    [InlineData(0, 100.01, "Server error: Enter a percentage from 0 to 100.")]
    [InlineData(0, -0.5, "Server error: Enter a percentage from 0 to 100.")]
    public void FaultSettingsInput_OutOfRange_NamesTheField(int latencyMs, double serverErrorPercent, string problem)
    {
        var input = new FaultSettingsInput { LatencyMs = latencyMs, ServerErrorPercent = (decimal)serverErrorPercent };

        Assert.Equal([problem], input.Problems);
        Assert.Throws<InvalidOperationException>(input.ToSettings);
    }

    [Fact]
    public void FaultSettingsInput_RoundTrip_KeepsTheSettings()
    {
        var settings = new FaultSettings(TimeSpan.FromMilliseconds(30_000), 1, 0.5, 0.125, 0, Outage: true);

        Assert.Equal(settings, FaultSettingsInput.From(settings).ToSettings());
    }

    [Theory]
    [InlineData("10.005", "USD", 1, "USD has 2 decimal places at most.")]
    [InlineData("10.5", "JPY", 1, "JPY has no minor units: enter a whole number.")]
    [InlineData("ten", "USD", 1, "Enter the amount as digits with an optional '.' before the minor units.")]
    [InlineData("0", "USD", 1, "The amount must be greater than zero.")]
    [InlineData("1", "XXX", 1, "'XXX' is not a supported ISO 4217 currency.")]
    [InlineData("1", "USD", 0, "Send from 1 to 50 payments at a time.")]
    [InlineData("1", "USD", 51, "Send from 1 to 50 payments at a time.")]
    public void TestPaymentInput_Invalid_GivesTheReason(string amount, string currency, int count, string problem)
    {
        var input = new TestPaymentInput { Amount = amount, CurrencyCode = currency, Count = count };

        Assert.Equal([problem], input.Problems);
    }

    [Fact]
    public void TestPaymentInput_Valid_IsExactMinorUnits()
    {
        var input = new TestPaymentInput { Amount = "1.250", CurrencyCode = "BHD", Card = SandboxTestCard.Decline, Count = 50 };

        Assert.Equal(new TestPaymentBatch(new Money(1250, Currency.Bhd), SandboxTestCard.Decline, 50), input.ToBatch());
    }
}
