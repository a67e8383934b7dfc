using System.Collections.Concurrent;
using System.Text.Json;

namespace PaymentsPortal.Sandbox.Plaid.Link;

/// <summary>
/// Serves the Plaid Link stand-in: link-initialize.js (window.Plaid.create with Link's interface), the page it frames, and the
/// small JSON API that page calls with the link token, as Link's own frame calls Plaid. The simulator maps it on its own
/// listener at /link/v2/stable/ (the path of Plaid's CDN script); an app may map the same thing under a prefix of its own origin,
/// so that a strict 'self' Content-Security-Policy covers it and a browser that cannot reach the simulator's loopback port
/// still can. Nothing loads from anywhere else, and no script is inline.
/// </summary>
public static class PlaidLinkStandInEndpoints
{
    /// <summary>Mirrors https://cdn.plaid.com/link/v2/stable/.</summary>
    public const string Prefix = "/link/v2/stable";

    public const string ScriptPath = Prefix + "/link-initialize.js";

    private static readonly ConcurrentDictionary<string, string> Assets = new(StringComparer.Ordinal);

    /// <param name="routePrefix">Empty on the simulator's listener; for example "/sandbox/plaid" when mapped into the app.</param>
    public static IEndpointRouteBuilder MapPlaidLinkStandIn(this IEndpointRouteBuilder routes, PlaidSimulator simulator, string routePrefix = "")
    {
        ArgumentNullException.ThrowIfNull(simulator);
        var group = routes.MapGroup(routePrefix.TrimEnd('/') + Prefix).AllowAnonymous().ExcludeFromDescription();
        group.MapGet("/link-initialize.js", () => Asset("link-initialize.js", "text/javascript; charset=utf-8"));
        group.MapGet("/stand-in.js", () => Asset("link-stand-in.js", "text/javascript; charset=utf-8"));
        group.MapGet("/stand-in.css", () => Asset("link-stand-in.css", "text/css; charset=utf-8"));
        group.MapGet("/stand-in", (HttpContext context) => Page(context));
        group.MapPost("/api/session", (HttpContext context) => CallAsync(context, simulator, (state, body) =>
            state.LinkSession(Text(body, "link_token"), Text(body, "oauth_state_id"))));
        group.MapPost("/api/login", (HttpContext context) => CallAsync(context, simulator, (state, body) =>
            state.LinkLogin(Text(body, "link_token"), Text(body, "institution_id"), Text(body, "username"), Text(body, "password"))));
        group.MapPost("/api/oauth", (HttpContext context) => CallAsync(context, simulator, (state, body) =>
            state.LinkOauthStart(Text(body, "link_token"), Text(body, "institution_id"))));
        group.MapPost("/api/complete", (HttpContext context) => CallAsync(context, simulator, (state, body) =>
            state.LinkComplete(Text(body, "link_token"), Text(body, "institution_id"), Texts(body, "account_masks"), Text(body, "oauth_state_id"))));
        return routes;
    }

    /// <summary>An embedded asset's text (Assets/, embedded so only Sandbox mode serves it).</summary>
    public static string AssetText(string name) => Assets.GetOrAdd(name, static key =>
    {
        using var stream = typeof(PlaidLinkStandInEndpoints).Assembly.GetManifestResourceStream("PaymentsPortal.Sandbox.Plaid.Link." + key)
            ?? throw new InvalidOperationException($"The Plaid Link stand-in asset {key} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    private static IResult Asset(string name, string contentType) => Results.Text(AssetText(name), contentType);

    // Framed by the app's page, which may be on another origin (the app) or this one (mapped into the app); it runs only
    // its own script and talks only to its own origin.
    private static IResult Page(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; " +
            "base-uri 'none'; form-action 'none'; frame-ancestors 'self' http://127.0.0.1:* http://localhost:* http://[::1]:* https://127.0.0.1:* https://localhost:*";
        headers.Remove("X-Frame-Options");
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        return Results.Content(AssetText("link-stand-in.html"), "text/html; charset=utf-8");
    }

    private static async Task CallAsync(HttpContext context, PlaidSimulator simulator, Func<PlaidSimulatorState, JsonElement, PlaidResult> call)
    {
        var requestId = PlaidSeededValues.RequestId();

        // Mapped into the app, the stand-in would outlive a simulated Plaid outage: refuse as the closed listener would.
        if (simulator.Faults.Current.Outage)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        JsonElement body;
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            body = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            await PlaidSimulator.WriteAsync(context, 400, PlaidApiError.InvalidBody().ToJson(requestId));
            return;
        }

        var result = body.ValueKind == JsonValueKind.Object ? call(simulator.State, body) : PlaidApiError.InvalidBody();
        simulator.PublishWebhooks();
        if (result.Error is { } error)
        {
            await PlaidSimulator.WriteAsync(context, error.Status, error.ToJson(requestId));
            return;
        }

        var reply = result.Body!;
        reply["request_id"] = requestId;
        await PlaidSimulator.WriteAsync(context, StatusCodes.Status200OK, reply);
    }

    private static string? Text(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string[] Texts(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)]
            : [];
}
