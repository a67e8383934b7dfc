using Stripe;

namespace PaymentsPortal.Core.Gateways.Stripe;

/// <summary>The Stripe.net options for each call, kept apart from the calling so the mapping can be read in one place.</summary>
public static class StripeRequests
{
    /// <summary>Stripe allows at most 500 characters in a metadata value.</summary>
    private const int MetadataValueLimit = 500;

    private static readonly string[] StripeRefundReasons = ["duplicate", "fraudulent", "requested_by_customer"];

    /// <summary>
    /// Create and confirm in one request, server-side, with the PaymentMethod from Stripe Elements. Card details come
    /// back with the reply (payment_method expanded) so no second call is needed.
    /// </summary>
    public static PaymentIntentCreateOptions Authorize(AuthorizeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var options = new PaymentIntentCreateOptions
        {
            Amount = request.Amount.MinorUnits,
            Currency = request.Amount.Currency.Code.ToLowerInvariant(),
            PaymentMethod = request.Token.Value,
            Confirm = true,
            CaptureMethod = request.Capture ? "automatic" : "manual",
            Description = request.Description,
            ReceiptEmail = request.CustomerEmail,
            Metadata = new Dictionary<string, string>
            {
                ["attempt_id"] = request.AttemptId.ToString(),
                ["payment_id"] = request.PaymentId.ToString(),
                ["merchant_id"] = request.MerchantId.ToString(),
            },

            // Automatic payment methods are the default for new intents, and confirming one requires a return_url
            // unless redirect-based methods are ruled out. Without a ReturnUrl the browser cannot come back from a
            // redirect, so redirects are refused; 3-D Secure still works in place through Stripe.js (use_stripe_sdk).
            AutomaticPaymentMethods = new PaymentIntentAutomaticPaymentMethodsOptions
            {
                Enabled = true,
                AllowRedirects = request.ReturnUrl is null ? "never" : "always",
            },
            ReturnUrl = request.ReturnUrl,
        };
        options.AddExpand("payment_method");
        return options;
    }

    public static PaymentIntentCaptureOptions Capture(CaptureRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var options = new PaymentIntentCaptureOptions { AmountToCapture = request.Amount.MinorUnits };
        options.AddExpand("payment_method");
        return options;
    }

    public static PaymentIntentCancelOptions Void() => new() { CancellationReason = "requested_by_customer" };

    public static RefundCreateOptions Refund(RefundRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var metadata = new Dictionary<string, string> { ["refund_id"] = request.RefundId.ToString() };
        if (!string.IsNullOrWhiteSpace(request.Reason))
        {
            metadata["reason"] = request.Reason.Length <= MetadataValueLimit ? request.Reason : request.Reason[..MetadataValueLimit];
        }

        return new RefundCreateOptions
        {
            PaymentIntent = request.GatewayReference,
            Amount = request.Amount.MinorUnits,
            Metadata = metadata,

            // Stripe accepts only its three reason words; the portal's free text travels in metadata.
            Reason = StripeRefundReasons.Contains(request.Reason, StringComparer.Ordinal) ? request.Reason : null,
        };
    }

    /// <summary>
    /// Finds intents by our attempt id without creating anything. The id is a Guid, so it needs no escaping inside
    /// the quoted search value. Search is eventually consistent (see <see cref="StripeGateway.LookupAsync"/>).
    /// </summary>
    public static PaymentIntentSearchOptions Lookup(Guid attemptId)
    {
        var options = new PaymentIntentSearchOptions { Query = $"metadata['attempt_id']:'{attemptId}'", Limit = 10 };
        options.AddExpand("data.latest_charge");
        return options;
    }
}
