using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace PaymentsPortal.Sandbox.Stripe;

/// <summary>
/// The simulated Stripe account(s): intents, charges, refunds and the idempotency records, all in memory behind one
/// lock, so a request's check-then-write (including the idempotency check) is atomic. Objects are scoped to the
/// secret key that created them, as they are scoped to an account at Stripe.
/// </summary>
internal sealed partial class StripeSimulatorState(TimeProvider time, TimeSpan searchIndexDelay)
{
    /// <summary>Stripe keeps an idempotency key's first reply for at least 24 hours.</summary>
    public static readonly TimeSpan KeyLifetime = TimeSpan.FromHours(24);

    private const int MaxKeyLength = 255;
    private const string IdAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private readonly Lock gate = new();
    private readonly Dictionary<string, SimulatedIntent> intents = new(StringComparer.Ordinal);
    private readonly List<SimulatedIntent> intentsInOrder = [];
    private readonly Dictionary<string, SimulatedCharge> charges = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimulatedRefund> refunds = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Account, string Key), SavedReply> replies = [];
    private DateTimeOffset nextPrune = DateTimeOffset.MinValue;
    private long sequence;

    /// <summary>
    /// Runs a mutating request with Stripe's idempotency rules: the first reply for a key is saved (if the endpoint ran)
    /// and replayed byte for byte; the same key with other parameters (or on another endpoint) is an idempotency_error.
    /// </summary>
    public StripeReply Run(string account, string? key, string fingerprint, Func<StripeReply> operation)
    {
        lock (gate)
        {
            if (key is null)
            {
                return operation();
            }

            if (key.Length > MaxKeyLength)
            {
                return StripeReply.Invalid(null, "Invalid Idempotency-Key: it must be at most 255 characters long.", "Idempotency-Key");
            }

            var now = time.GetUtcNow();
            if (replies.TryGetValue((account, key), out var saved) && saved.ExpiresAt > now)
            {
                return saved.Fingerprint == fingerprint
                    ? saved.Reply with { Replayed = true }
                    : StripeReply.Rejected(StatusCodes.Status400BadRequest, new SimulatedError(
                        "idempotency_error",
                        null,
                        $"Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '{key}' if you meant to execute a different request."));
            }

            var reply = operation();
            if (reply.Executed)
            {
                replies[(account, key)] = new SavedReply(fingerprint, reply, now + KeyLifetime);
                PruneExpiredKeys(now);
            }

            return reply;
        }
    }

    /// <summary>
    /// A simulated 500 for a request with a key: Stripe saves even a 500 and replays it, so the key keeps it
    /// (unless the key already has a reply, which the 500 did not replace).
    /// </summary>
    public void RecordServerError(string account, string? key, string fingerprint)
    {
        if (key is null || key.Length > MaxKeyLength)
        {
            return;
        }

        var error = new JsonObject { ["type"] = "api_error", ["message"] = "Simulated server error." };
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (!replies.TryGetValue((account, key), out var saved) || saved.ExpiresAt <= now)
            {
                replies[(account, key)] = new SavedReply(fingerprint, StripeReply.Failed(StatusCodes.Status500InternalServerError, error), now + KeyLifetime);
            }
        }
    }

    public StripeReply Read(Func<StripeReply> query)
    {
        lock (gate)
        {
            return query();
        }
    }

    /// <summary>The attempt_id metadata of every charge, declined ones included, once each.</summary>
    public IReadOnlyList<string> ChargedAttemptIds()
    {
        lock (gate)
        {
            return charges.Values.Select(charge => charge.Metadata.GetValueOrDefault("attempt_id") ?? "").Distinct(StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>Every charge made for an attempt (by its attempt_id metadata), oldest first.</summary>
    public IReadOnlyList<StripeSimulatedCharge> ChargesFor(string attemptId)
    {
        lock (gate)
        {
            return charges.Values
                .Where(charge => charge.Metadata.TryGetValue("attempt_id", out var id) && id == attemptId)
                .OrderBy(charge => charge.Created).ThenBy(charge => charge.Id, StringComparer.Ordinal)
                .Select(charge => new StripeSimulatedCharge(
                    charge.Id,
                    charge.IntentId,
                    charge.Amount,
                    charge.Currency,
                    charge.Succeeded,
                    charge.Captured,
                    charge.AmountCaptured,
                    charge.AmountRefunded,
                    charge.AmountReleased > 0))
                .ToList();
        }
    }

    public StripeReply GetIntent(string account, string id, StripeParameters parameters) =>
        Read(() => FindIntent(account, id) is { } intent ? StripeReply.Ok(IntentJson(intent, parameters.Expand)) : StripeReply.Missing("payment_intent", id, "intent"));

    public StripeReply GetRefund(string account, string id) =>
        Read(() => refunds.TryGetValue(id, out var refund) && FindIntent(account, refund.IntentId) is not null
            ? StripeReply.Ok(StripeJson.Refund(refund))
            : StripeReply.Missing("refund", id, "id"));

    public StripeReply GetPaymentMethod(string id) =>
        StripeJson.PaymentMethod(id, Now(), ExpiryYear()) is { } method ? StripeReply.Ok(method) : StripeReply.Missing("PaymentMethod", id, "payment_method");

    /// <summary>
    /// Stripe's search, on the fields the portal uses. Like Stripe's, it can lag: an intent becomes visible to search
    /// only <c>searchIndexDelay</c> after it was created (zero unless a test asks for the lag).
    /// </summary>
    public StripeReply Search(string account, StripeParameters parameters)
    {
        if (!StripeSearchQuery.TryParse(parameters["query"], out var query, out var problem))
        {
            return StripeReply.Invalid("parameter_invalid_string", problem, "query");
        }

        if (!parameters.TryGetInteger("limit", out var limit, out var invalid))
        {
            return invalid!;
        }

        var take = (int)Math.Clamp(limit ?? 10, 1, 100);
        var skip = parameters["page"] is { } page && page.StartsWith("page_", StringComparison.Ordinal)
            && int.TryParse(page.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var offset) ? offset : 0;
        var expand = parameters.Expand.Where(path => path.StartsWith("data.", StringComparison.Ordinal)).Select(path => path[5..]).ToHashSet(StringComparer.Ordinal);
        return Read(() =>
        {
            var visibleBefore = time.GetUtcNow() - searchIndexDelay;
            var matches = intentsInOrder.AsEnumerable().Reverse()
                .Where(intent => intent.Account == account && intent.CreatedAt <= visibleBefore && query.Matches(intent))
                .ToList();
            var pageOf = matches.Skip(skip).Take(take).Select(intent => IntentJson(intent, expand));
            var hasMore = matches.Count > skip + take;
            return StripeReply.Ok(StripeJson.SearchResult(pageOf, hasMore, hasMore ? string.Create(CultureInfo.InvariantCulture, $"page_{skip + take}") : null));
        });
    }

    private static string NewId(string prefix) => prefix + "_" + RandomNumberGenerator.GetString(IdAlphabet, 24);

    private long Now() => time.GetUtcNow().ToUnixTimeSeconds();

    // Orders what is made within one second, as Stripe's lists do.
    private long NextSequence() => ++sequence;

    // Test cards expire in December, three years ahead, so they are always valid.
    private int ExpiryYear() => time.GetUtcNow().Year + 3;

    private SimulatedIntent? FindIntent(string account, string id) =>
        intents.TryGetValue(id, out var intent) && intent.Account == account ? intent : null;

    private JsonObject IntentJson(SimulatedIntent intent, IReadOnlySet<string> expand) =>
        StripeJson.Intent(intent, intent.LatestChargeId is { } chargeId ? charges[chargeId] : null, expand, ExpiryYear());

    private void PruneExpiredKeys(DateTimeOffset now)
    {
        if (now < nextPrune)
        {
            return;
        }

        foreach (var expired in replies.Where(pair => pair.Value.ExpiresAt <= now).Select(pair => pair.Key).ToList())
        {
            replies.Remove(expired);
        }

        nextPrune = now + TimeSpan.FromMinutes(10);
    }

    private sealed record SavedReply(string Fingerprint, StripeReply Reply, DateTimeOffset ExpiresAt);
}
