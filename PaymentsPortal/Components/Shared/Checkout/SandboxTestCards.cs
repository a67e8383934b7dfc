using PaymentsPortal.Core.Gateways;

namespace PaymentsPortal.Components.Shared.Checkout;

/// <summary>The Sandbox stand-ins' documented test cards, as every checkout shows them under its card fields in Sandbox mode.</summary>
public static class SandboxTestCards
{
    public static string Hint(GatewayKind gateway) => gateway == GatewayKind.Braintree
        ? "Sandbox test cards (any future expiry, any CVV): 4111 1111 1111 1111 succeeds, 4000 1111 1111 1115 is declined."
        : "Sandbox test cards (any future expiry, any CVC): 4242 4242 4242 4242 succeeds, 4000 0000 0000 0002 is declined, "
          + "4000 0000 0000 9995 has insufficient funds, 4000 0000 0000 3220 asks for 3-D Secure.";
}
