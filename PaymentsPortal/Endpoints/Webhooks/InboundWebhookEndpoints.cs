using System.Text;
using Microsoft.AspNetCore.Mvc;
using PaymentsPortal.Core.Webhooks.Inbound;
using PaymentsPortal.Core.Webhooks.Inbound.Intake;

namespace PaymentsPortal.Endpoints.Webhooks;

/// <summary>
/// POST /webhooks/stripe/{merchantId} and /webhooks/braintree/{merchantId}: anonymous, because the providers call them, and
/// free of antiforgery, because they are not browser forms; the signature is their authentication. They read the raw body
/// (capped), hand it to <see cref="WebhookIntake"/>, and answer 200 once the event is durably stored (or was already), 400 when
/// it is refused. No processing happens here, so the answer comes as fast as the INSERT.
/// </summary>
public static class InboundWebhookEndpoints
{
    /// <summary>Stripe's events are a few kilobytes; a body past this is refused before it is read in full.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    // Invalid UTF-8 is refused rather than replaced, so the stored text is exactly the bytes that were signed.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static IEndpointRouteBuilder MapInboundWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(InboundWebhookPaths.StripeRoute, ReceiveStripeAsync)
            .AllowAnonymous()
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes));
        app.MapPost(InboundWebhookPaths.BraintreeRoute, ReceiveBraintreeAsync)
            .AllowAnonymous()
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes));
        app.MapPost(InboundWebhookPaths.PlaidRoute, ReceivePlaidAsync)
            .AllowAnonymous()
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes));
        return app;
    }

    private static async Task<IResult> ReceiveStripeAsync(Guid merchantId, HttpRequest request, WebhookIntake intake, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        string body;
        try
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, cancellationToken);
            body = StrictUtf8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            return Refused(IntakeOutcome.Malformed);
        }

        var result = await intake.ReceiveStripeAsync(merchantId, body, request.Headers["Stripe-Signature"].ToString(), cancellationToken);
        return Answer(result);
    }

    private static async Task<IResult> ReceiveBraintreeAsync(Guid merchantId, HttpRequest request, WebhookIntake intake, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        if (!request.HasFormContentType)
        {
            return Refused(IntakeOutcome.Malformed);
        }

        var form = await request.ReadFormAsync(cancellationToken);
        var result = await intake.ReceiveBraintreeAsync(merchantId, form["bt_signature"].ToString(), form["bt_payload"].ToString(), cancellationToken);
        return Answer(result);
    }

    // The signature covers the exact bytes, so the body is kept as bytes until the verifier has hashed it.
    private static async Task<IResult> ReceivePlaidAsync(Guid merchantId, HttpRequest request, WebhookIntake intake, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        var result = await intake.ReceivePlaidAsync(
            merchantId, buffer.GetBuffer().AsMemory(0, (int)buffer.Length), request.Headers["Plaid-Verification"].ToString(), cancellationToken);

        // A key that could not be fetched is no verdict: 503 asks Plaid to deliver again later.
        return result.Outcome == IntakeOutcome.NotVerifiedYet
            ? Results.Text("could not verify the signature now; try again", "text/plain", statusCode: StatusCodes.Status503ServiceUnavailable)
            : Answer(result);
    }

    private static IResult Answer(IntakeResult result) =>
        result.Acknowledged
            ? Results.Text(result.Outcome == IntakeOutcome.Stored ? "stored" : "already stored", "text/plain", statusCode: StatusCodes.Status200OK)
            : Refused(result.Outcome);

    // The same answer for a wrong secret, a tampered body and a merchant without a key, so the endpoint tells nobody which merchants exist.
    private static IResult Refused(IntakeOutcome outcome) =>
        Results.Text(outcome switch
        {
            IntakeOutcome.StaleTimestamp => "signature timestamp outside the tolerance",
            IntakeOutcome.Malformed => "not a readable event",
            IntakeOutcome.ModeMismatch => "event mode does not match the merchant's (test and live are never mixed)",
            _ => "invalid signature",
        }, "text/plain", statusCode: StatusCodes.Status400BadRequest);
}
