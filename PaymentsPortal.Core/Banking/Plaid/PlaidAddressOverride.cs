namespace PaymentsPortal.Core.Banking.Plaid;

/// <summary>
/// Where Plaid is reached when configuration cannot say: Sandbox mode points it at the loopback simulator once that listens on its
/// (random) port, after the options were read and validated. Null means "as configured".
/// </summary>
public sealed class PlaidAddressOverride
{
    private volatile Uri? address;

    public Uri? Address => address;

    public void Use(Uri simulator)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        address = simulator.AbsoluteUri.EndsWith('/') ? simulator : new Uri(simulator.AbsoluteUri + "/");
    }
}
