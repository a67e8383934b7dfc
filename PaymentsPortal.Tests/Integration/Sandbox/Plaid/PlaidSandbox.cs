using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PaymentsPortal.Sandbox.Plaid;

namespace PaymentsPortal.Tests.Integration.Sandbox.Plaid;

/// <summary>A reply of the simulator: its status and JSON body.</summary>
internal sealed record PlaidReply(HttpStatusCode Status, JsonElement Json)
{
    public string? ErrorCode => Json.TryGetProperty("error_code", out var code) ? code.GetString() : null;

    public string Text(string name) => Json.GetProperty(name).GetString()!;

    public PlaidReply Ok()
    {
        Assert.True(Status == HttpStatusCode.OK, $"Expected 200, got {(int)Status}: {Json}");
        return this;
    }

    public PlaidReply Error(HttpStatusCode status, string errorType, string errorCode)
    {
        Assert.Equal(status, Status);
        Assert.Equal(errorType, Json.GetProperty("error_type").GetString());
        Assert.Equal(errorCode, ErrorCode);
        Assert.False(string.IsNullOrEmpty(Json.GetProperty("request_id").GetString()));
        Assert.True(Json.TryGetProperty("error_message", out _) && Json.TryGetProperty("display_message", out _));
        return this;
    }
}

/// <summary>Keeps what the Plaid simulator publishes, in order, instead of delivering it.</summary>
internal sealed class RecordingPlaidWebhookSink : IPlaidWebhookSink
{
    private readonly ConcurrentQueue<PlaidWebhook> published = new();

    public IReadOnlyList<PlaidWebhook> Published => [.. published];

    public void Publish(PlaidWebhook webhook) => published.Enqueue(webhook);

    public IReadOnlyList<PlaidWebhook> Of(string itemId, string code) =>
        [.. published.Where(w => w.ItemId == itemId && w.WebhookCode == code)];
}

/// <summary>
/// One Plaid simulator on its own loopback listener, reached with a raw HttpClient and JSON as the Plaid client would.
/// Each test starts its own, so Items, faults and keys never leak between tests.
/// </summary>
internal sealed class PlaidSandbox : IAsyncDisposable
{
    public const string Webhook = "http://127.0.0.1:9/webhooks/plaid";

    private PlaidSandbox(PlaidSimulator simulator, PlaidSimulatorHost host, RecordingPlaidWebhookSink webhooks)
    {
        Simulator = simulator;
        Host = host;
        Webhooks = webhooks;
        Http = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(15) };
    }

    public PlaidSimulator Simulator { get; }

    public PlaidSimulatorHost Host { get; }

    public RecordingPlaidWebhookSink Webhooks { get; }

    public HttpClient Http { get; }

    public static async Task<PlaidSandbox> StartAsync(PlaidSimulatorOptions? options = null, TimeProvider? clock = null)
    {
        var webhooks = new RecordingPlaidWebhookSink();
        var simulator = new PlaidSimulator(options, webhooks, clock: clock);
        simulator.Faults.Seed(20200914);
        return new PlaidSandbox(simulator, await PlaidSimulatorHost.StartAsync(simulator), webhooks);
    }

    /// <summary>POSTs <paramref name="body"/> with the simulator's keys in it (unless <paramref name="withKeys"/> is false).</summary>
    public async Task<PlaidReply> PostAsync(string path, JsonObject body, bool withKeys = true)
    {
        if (withKeys)
        {
            body["client_id"] ??= Simulator.Options.ClientId;
            body["secret"] ??= Simulator.Options.Secret;
        }

        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        return await SendAsync(path, content);
    }

    public async Task<PlaidReply> SendAsync(string path, HttpContent content, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path.TrimStart('/'), UriKind.Relative)) { Content = content };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.Add(name, value);
        }

        using var response = await Http.SendAsync(request);
        Assert.Equal(new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" }, response.Content.Headers.ContentType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return new PlaidReply(response.StatusCode, document.RootElement.Clone());
    }

    /// <summary>An Item made through the API: /sandbox/public_token/create, then the exchange.</summary>
    public async Task<(string AccessToken, string ItemId)> LinkItemAsync(string institutionId = PlaidInstitution.FirstPlatypusBank, string? webhook = Webhook)
    {
        var options = new JsonObject();
        if (webhook is not null)
        {
            options["webhook"] = webhook;
        }

        var created = (await PostAsync("/sandbox/public_token/create", new JsonObject
        {
            ["institution_id"] = institutionId,
            ["initial_products"] = new JsonArray("auth", "transactions"),
            ["options"] = options,
        })).Ok();
        var exchanged = (await PostAsync("/item/public_token/exchange", new JsonObject { ["public_token"] = created.Text("public_token") })).Ok();
        return (exchanged.Text("access_token"), exchanged.Text("item_id"));
    }

    public async Task<PlaidReply> CallAsync(string path, string accessToken, JsonObject? more = null)
    {
        var body = more ?? [];
        body["access_token"] = accessToken;
        return await PostAsync(path, body);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
        Simulator.WebhookKeys.Dispose();
    }
}
