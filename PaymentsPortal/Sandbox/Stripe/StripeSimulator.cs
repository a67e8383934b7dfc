using System.Security.Cryptography;
using System.Text;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Sandbox.Webhooks;

namespace PaymentsPortal.Sandbox.Stripe;

/// <summary>
/// A stateful stand-in for the part of Stripe's API the Stripe adapter calls, served over real HTTP by
/// <see cref="SandboxSimulatorHost"/>: PaymentIntents (create and confirm, capture, cancel, retrieve, search), refunds,
/// payment methods, events (retrieve, list), disputes (retrieve, list) and payouts (create, retrieve, list), plus a
/// sandbox-only endpoint that completes a 3-D Secure challenge. It checks the secret key,
/// keeps Stripe's idempotency rules and applies <see cref="SimulatedFaults"/> around every write.
/// </summary>
/// <param name="searchIndexDelay">How long a new intent stays invisible to search, to reproduce Stripe's eventual consistency.</param>
/// <param name="webhooks">Where the events of committed changes go (signed and delivered elsewhere); none when null.</param>
public sealed class StripeSimulator(
    SimulatedFaults faults, TimeProvider? time = null, TimeSpan searchIndexDelay = default, ISimulatedWebhookSink? webhooks = null) : IGatewaySimulator
{
    // What Stripe.net 53.1 pins; a request naming another version gets that one echoed, as Stripe does.
    internal const string DefaultApiVersion = "2026-10-28.endive";

    private readonly StripeSimulatorState state = new(time ?? TimeProvider.System, searchIndexDelay);

    public GatewayKind Kind => GatewayKind.Stripe;

    /// <summary>Every charge made for an attempt (its attempt_id metadata), declined ones included, oldest first.</summary>
    public IReadOnlyList<StripeSimulatedCharge> ChargesFor(Guid attemptId) => state.ChargesFor(attemptId.ToString());

    /// <summary>Every attempt reference (attempt_id metadata) any charge carries, so a test can prove no charge is unknown to the portal.</summary>
    public IReadOnlyList<string> ChargedReferences() => state.ChargedAttemptIds();

    /// <summary>Money taken and kept for an attempt: captured minus refunded, over all its charges.</summary>
    public long NetCapturedFor(Guid attemptId) => ChargesFor(attemptId).Where(charge => charge.Succeeded).Sum(charge => charge.NetCaptured);

    /// <summary>The disputes on an attempt's charges (its attempt_id metadata), oldest first.</summary>
    public IReadOnlyList<StripeSimulatedDispute> DisputesFor(Guid attemptId) => state.DisputesFor(attemptId.ToString());

    /// <summary>
    /// Decides an open dispute as the card network would, won or lost, and sends charge.dispute.closed. False when the
    /// account has no such dispute or it is decided already.
    /// </summary>
    public bool CloseDispute(string secretKey, string disputeId, bool won) => Publishing(state.CloseDispute(secretKey, disputeId, won));

    /// <summary>
    /// What Stripe's payout schedule does: pays the account's whole balance in <paramref name="currency"/> out to its bank
    /// account, sending payout.created then payout.paid. Returns the payout's id, or null when the balance is not positive.
    /// </summary>
    public string? PayOut(string secretKey, string currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        return Publishing(state.PayOut(secretKey, currency.ToLowerInvariant()));
    }

    /// <summary>The bank returns a payout: it fails with <paramref name="failureCode"/> (e.g. account_closed), sending payout.failed. False when the account has no such payout or it failed already.</summary>
    public bool FailPayout(string secretKey, string payoutId, string failureCode) => Publishing(state.FailPayout(secretKey, payoutId, failureCode));

    /// <summary>What a payout would pay now: captured minus refunded, minus open or lost disputes, minus payouts that did not fail.</summary>
    public long BalanceOf(string secretKey, string currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        return state.Balance(secretKey, currency.ToLowerInvariant());
    }

    public void Map(IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.MapPost("/v1/payment_intents", context => WriteAsync(context, (account, parameters) => state.CreateIntent(account, parameters, ApiBase(context))));
        routes.MapGet("/v1/payment_intents/search", context => ReadAsync(context, state.Search));
        routes.MapGet("/v1/payment_intents/{id}", context => ReadAsync(context, (account, parameters) => state.GetIntent(account, Id(context), parameters)));
        routes.MapPost("/v1/payment_intents/{id}/capture", context => WriteAsync(context, (account, parameters) => state.Capture(account, Id(context), parameters)));
        routes.MapPost("/v1/payment_intents/{id}/cancel", context => WriteAsync(context, (account, parameters) => state.Cancel(account, Id(context), parameters)));
        routes.MapPost("/v1/payment_intents/{id}/simulate_authentication", context => CompleteAuthenticationAsync(context));
        routes.MapPost("/v1/refunds", context => WriteAsync(context, state.Refund));
        routes.MapGet("/v1/refunds/{id}", context => ReadAsync(context, (account, _) => state.GetRefund(account, Id(context))));
        routes.MapGet("/v1/payment_methods/{id}", context => ReadAsync(context, (_, _) => state.GetPaymentMethod(Id(context))));
        routes.MapGet("/v1/events", context => ReadAsync(context, state.ListEvents));
        routes.MapGet("/v1/events/{id}", context => ReadAsync(context, (account, _) => state.GetEvent(account, Id(context))));
        routes.MapGet("/v1/disputes", context => ReadAsync(context, state.ListDisputes));
        routes.MapGet("/v1/disputes/{id}", context => ReadAsync(context, (account, _) => state.GetDispute(account, Id(context))));
        routes.MapPost("/v1/payouts", context => WriteAsync(context, state.CreatePayout));
        routes.MapGet("/v1/payouts", context => ReadAsync(context, state.ListPayouts));
        routes.MapGet("/v1/payouts/{id}", context => ReadAsync(context, (account, _) => state.GetPayout(account, Id(context))));
    }

    private void PublishEvents()
    {
        foreach (var stripeEvent in state.TakeEvents())
        {
            webhooks?.Publish(new SimulatedWebhook(GatewayKind.Stripe, stripeEvent.Account, stripeEvent.Type, stripeEvent.Json));
        }
    }

    // The test methods change state outside any request, so their events go out here rather than after a request commits.
    private T Publishing<T>(T result)
    {
        PublishEvents();
        return result;
    }

    private static string Id(HttpContext context) => (string)context.Request.RouteValues["id"]!;

    private static string ApiBase(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}";

    // A write: authenticate, read parameters, faults before, commit under the idempotency rules, faults after, reply.
    private async Task WriteAsync(HttpContext context, Func<string, StripeParameters, StripeReply> operation)
    {
        if (!TryAuthenticate(context, out var account, out var unauthorized))
        {
            await SendAsync(context, unauthorized, null).ConfigureAwait(false);
            return;
        }

        var parameters = await StripeParameters.ReadAsync(context.Request).ConfigureAwait(false);
        var key = context.Request.Headers["Idempotency-Key"] is { Count: 1 } header ? header.ToString() : null;
        var fingerprint = parameters.Fingerprint(context.Request.Method, context.Request.Path.Value ?? "");
        if (!await faults.BeforeCommitAsync(GatewayKind.Stripe, context).ConfigureAwait(false))
        {
            if (context.Response.StatusCode == StatusCodes.Status500InternalServerError)
            {
                state.RecordServerError(account, key, fingerprint);
            }

            return;
        }

        var reply = state.Run(account, key, fingerprint, () => operation(account, parameters));

        // Committed: its events go out whatever happens to the reply, which is how a lost reply is still learned of.
        PublishEvents();
        if (!await faults.AfterCommitAsync(GatewayKind.Stripe, context).ConfigureAwait(false))
        {
            return;
        }

        await SendAsync(context, reply, key).ConfigureAwait(false);
    }

    // Reads commit nothing, so of the faults only the added latency applies (an outage refuses them like any request).
    private async Task ReadAsync(HttpContext context, Func<string, StripeParameters, StripeReply> query)
    {
        if (!TryAuthenticate(context, out var account, out var unauthorized))
        {
            await SendAsync(context, unauthorized, null).ConfigureAwait(false);
            return;
        }

        var latency = faults.For(GatewayKind.Stripe).AddedLatency;
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, context.RequestAborted).ConfigureAwait(false);
        }

        var parameters = await StripeParameters.ReadAsync(context.Request).ConfigureAwait(false);
        await SendAsync(context, query(account, parameters), null).ConfigureAwait(false);
    }

    // The browser's side of 3-D Secure: no secret key, the client secret proves the caller. A write like any other.
    private async Task CompleteAuthenticationAsync(HttpContext context)
    {
        var parameters = await StripeParameters.ReadAsync(context.Request).ConfigureAwait(false);
        if (!await faults.BeforeCommitAsync(GatewayKind.Stripe, context).ConfigureAwait(false))
        {
            return;
        }

        var reply = state.Run("", null, "", () => state.Authenticate(Id(context), parameters));
        PublishEvents();
        if (await faults.AfterCommitAsync(GatewayKind.Stripe, context).ConfigureAwait(false))
        {
            await SendAsync(context, reply, null).ConfigureAwait(false);
        }
    }

    /// <summary>Accepts a test-mode secret key as Bearer (Stripe.net) or as Basic's user name (curl -u).</summary>
    private static bool TryAuthenticate(HttpContext context, out string account, out StripeReply unauthorized)
    {
        account = "";
        unauthorized = Unauthorized("You did not provide an API key. Provide your secret key in the Authorization header, using Bearer auth.");
        var header = context.Request.Headers.Authorization.ToString();
        string? key = null;
        if (header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            key = header["Bearer ".Length..].Trim();
        }
        else if (header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            try
            {
                key = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim())).Split(':')[0];
            }
            catch (FormatException)
            {
                return false;
            }
        }

        if (string.IsNullOrEmpty(key))
        {
            return false;
        }

        // Never echo the key, not even masked: replies end up in logs.
        if (!key.StartsWith("sk_test_", StringComparison.Ordinal) || key.Length <= "sk_test_".Length || key.Any(char.IsWhiteSpace))
        {
            unauthorized = Unauthorized("Invalid API Key provided. The Stripe simulator accepts test-mode secret keys (sk_test_…) only.");
            return false;
        }

        account = key;
        return true;
    }

    private static StripeReply Unauthorized(string message) =>
        StripeReply.Rejected(StatusCodes.Status401Unauthorized, new SimulatedError("invalid_request_error", null, message));

    private static async Task SendAsync(HttpContext context, StripeReply reply, string? idempotencyKey)
    {
        var response = context.Response;
        response.StatusCode = reply.Status;
        response.ContentType = "application/json";
        response.Headers["Request-Id"] = "req_" + RandomNumberGenerator.GetHexString(14, lowercase: true);
        response.Headers["Stripe-Version"] = context.Request.Headers["Stripe-Version"] is { Count: 1 } version ? version.ToString() : DefaultApiVersion;
        if (idempotencyKey is not null)
        {
            response.Headers["Idempotency-Key"] = idempotencyKey;
        }

        if (reply.Replayed)
        {
            response.Headers["Idempotent-Replayed"] = "true";
        }

        await response.WriteAsync(reply.Body, context.RequestAborted).ConfigureAwait(false);
    }
}
