using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Settings;
using PaymentsPortal.Sandbox.Braintree;
using PaymentsPortal.Sandbox.Stripe;

namespace PaymentsPortal.Sandbox.Checkout;

/// <summary>
/// Serves the browser-side stand-ins for Stripe.js and braintree-web, mapped into the app in Sandbox mode only (Live mode
/// never maps them, so they answer 404 there). They are anonymous like the real scripts: they hold no secret, and the card
/// frames run in an opaque origin whose requests carry no cookies. Only the 3-D Secure answer reaches a simulator, through
/// the app, so a Stripe outage in the Sandbox also stops the challenge from completing.
/// </summary>
public static partial class SandboxCheckoutEndpoints
{
    public const string Prefix = "/sandbox/checkout";

    /// <summary>What the card-fields module loads instead of https://js.stripe.com/v3/.</summary>
    public const string StripeScript = Prefix + "/stripe/v3.js";

    /// <summary>What the card-fields module loads instead of braintree-web's client.min.js and hosted-fields.min.js.</summary>
    public static IReadOnlyList<string> BraintreeScripts { get; } = [Prefix + "/braintree/client.js", Prefix + "/braintree/hosted-fields.js"];

    public static IEndpointRouteBuilder MapSandboxCheckout(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(Prefix).AllowAnonymous().ExcludeFromDescription();
        group.MapGet("/stripe/v3.js", () => Script("stripe-v3.js"));
        group.MapGet("/stripe/card-frame", (HttpContext context) => Frame(context, "stripe-card-frame.html", StripeTestCards.ByNumber));
        group.MapGet("/stripe/card-frame.js", () => Script("stripe-card-frame.js"));
        group.MapGet("/stripe/challenge-frame", (HttpContext context) => Frame(context, "stripe-challenge-frame.html", null));
        group.MapGet("/stripe/challenge-frame.js", () => Script("stripe-challenge-frame.js"));
        group.MapPost("/stripe/v1/payment_intents/{id}/authenticate", AuthenticateAsync);
        group.MapGet("/braintree/client.js", () => Script("braintree-client.js"));
        group.MapGet("/braintree/hosted-fields.js", () => Script("braintree-hosted-fields.js"));
        group.MapGet("/braintree/field-frame", (HttpContext context) => Frame(context, "braintree-field-frame.html", BraintreeTestNonces.ByCardNumber));
        group.MapGet("/braintree/field-frame.js", () => Script("braintree-field-frame.js"));
        return routes;
    }

    private static IResult Script(string name) => Results.Text(SandboxCheckoutAssets.Text(name), "text/javascript; charset=utf-8");

    // A frame may be embedded by the app's own pages only, and runs nothing but its own script.
    private static IResult Frame(HttpContext context, string name, IReadOnlyDictionary<string, string>? testCards)
    {
        var self = $"{context.Request.Scheme}://{context.Request.Host}";
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy =
            $"default-src 'none'; script-src {self}; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";
        headers.XFrameOptions = "SAMEORIGIN";
        headers.CacheControl = "no-store";
        return Results.Content(SandboxCheckoutAssets.Frame(name, testCards), "text/html; charset=utf-8");
    }

    /// <summary>
    /// The challenge's answer, sent on to the Stripe simulator's sandbox-only simulate_authentication. The client secret
    /// proves the caller, as it does for Stripe.js; the reply is cut down to what Stripe.js shows a page about an intent.
    /// </summary>
    private static async Task<IResult> AuthenticateAsync(string id, HttpContext context, GatewayEndpoints endpoints, IHttpClientFactory clients)
    {
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : null;
        var secret = form?["client_secret"].ToString();
        var outcome = form?["outcome"].ToString();
        if (!IntentId().IsMatch(id) || string.IsNullOrEmpty(secret) || outcome is not ("succeed" or "fail"))
        {
            return StripeError(StatusCodes.Status400BadRequest, "invalid_request_error", "Send the intent's client_secret and an outcome of succeed or fail.");
        }

        var target = new Uri(endpoints.For(GatewayKind.Stripe), $"v1/payment_intents/{id}/simulate_authentication");
        using var client = clients.CreateClient();
        HttpResponseMessage response;
        try
        {
            response = await client.PostAsync(target, new FormUrlEncodedContent([new("client_secret", secret), new("outcome", outcome)]), context.RequestAborted);
        }
        catch (HttpRequestException)
        {
            return StripeError(StatusCodes.Status502BadGateway, "api_connection_error", "Stripe could not be reached.");
        }

        using (response)
        {
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(context.RequestAborted));
            if (!response.IsSuccessStatusCode)
            {
                var error = body?["error"];
                return StripeError((int)response.StatusCode, error?["type"]?.GetValue<string>() ?? "api_error",
                    error?["message"]?.GetValue<string>() ?? "Stripe could not complete the authentication.");
            }

            var intent = new JsonObject { ["id"] = body?["id"]?.GetValue<string>(), ["object"] = "payment_intent", ["status"] = body?["status"]?.GetValue<string>() };
            if (body?["last_payment_error"] is JsonObject failure)
            {
                intent["last_payment_error"] = new JsonObject
                {
                    ["type"] = failure["type"]?.GetValue<string>(),
                    ["code"] = failure["code"]?.GetValue<string>(),
                    ["message"] = failure["message"]?.GetValue<string>(),
                };
            }

            return Results.Content(intent.ToJsonString(), "application/json");
        }
    }

    private static IResult StripeError(int status, string type, string message) =>
        Results.Content(new JsonObject { ["error"] = new JsonObject { ["type"] = type, ["message"] = message } }.ToJsonString(), "application/json", statusCode: status);

    [GeneratedRegex("^pi_[A-Za-z0-9]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex IntentId();
}
