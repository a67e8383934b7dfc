namespace PaymentsPortal.Core.Gateways;

/// <summary>
/// One gateway for one merchant's credentials. Every call returns a classified <see cref="GatewayResult"/>;
/// exceptions are for bugs only. Adapters do not retry across gateways and do not fail over: the router does.
/// </summary>
public interface IPaymentGateway
{
    GatewayKind Kind { get; }

    /// <summary>Whether a token can be charged here. The router records a skipped attempt when it cannot.</summary>
    bool CanCharge(PaymentToken token);

    /// <summary>
    /// Whether this connection can take a payment in <paramref name="currency"/>; the router records a skipped attempt
    /// (currency_not_supported) where it cannot, so the payment is never charged in a currency it was not made in.
    /// </summary>
    bool CanSettle(Payments.Currency currency);

    Task<GatewayResult> AuthorizeAsync(AuthorizeRequest request, CancellationToken cancellationToken);

    Task<GatewayResult> CaptureAsync(CaptureRequest request, CancellationToken cancellationToken);

    Task<GatewayResult> VoidAsync(VoidRequest request, CancellationToken cancellationToken);

    Task<GatewayResult> RefundAsync(RefundRequest request, CancellationToken cancellationToken);

    /// <summary>Finds the charge made for <paramref name="attemptId"/> (our reference), without ever creating one.</summary>
    Task<GatewayLookup> LookupAsync(Guid attemptId, CancellationToken cancellationToken);
}
