namespace PaymentsPortal.Core.Gateways.Sync;

/// <summary>A gateway could not be read to the end (refused, failed or answered with something unreadable); the sync keeps its cursor.</summary>
public sealed class GatewayReadException : Exception
{
    public GatewayReadException()
    {
    }

    public GatewayReadException(string message)
        : base(message)
    {
    }

    public GatewayReadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
