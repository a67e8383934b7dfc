using System.Collections.Concurrent;
using System.Text.Json;

namespace PaymentsPortal.Sandbox.Checkout;

/// <summary>
/// The stand-ins' files, embedded in the assembly (Assets/) so a published build carries them without putting them in
/// wwwroot, where Live mode would serve them too. Card frames get the test card table written into them.
/// </summary>
internal static class SandboxCheckoutAssets
{
    private const string TestCardsPlaceholder = "{{TEST_CARDS}}";

    private static readonly ConcurrentDictionary<string, string> Texts = new(StringComparer.Ordinal);

    public static string Text(string name) => Texts.GetOrAdd(name, static key =>
    {
        using var stream = typeof(SandboxCheckoutAssets).Assembly.GetManifestResourceStream("PaymentsPortal.Sandbox.Checkout." + key)
            ?? throw new InvalidOperationException($"The Sandbox checkout asset {key} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>
    /// A frame's HTML with <paramref name="testCards"/> (card number to token) as JSON. The default encoder escapes '&lt;',
    /// so the JSON cannot end the script block it is written into.
    /// </summary>
    public static string Frame(string name, IReadOnlyDictionary<string, string>? testCards) =>
        Text(name).Replace(TestCardsPlaceholder, JsonSerializer.Serialize(testCards ?? new Dictionary<string, string>()), StringComparison.Ordinal);
}
