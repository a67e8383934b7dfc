using System.Text.Json.Nodes;

namespace PaymentsPortal.Sandbox.Stripe;

/// <summary>
/// One reply of the simulated API, already serialized so that an idempotent replay returns exactly the first
/// reply's bytes. <paramref name="Executed"/> says whether the endpoint ran: Stripe saves the reply for the
/// Idempotency-Key only then, not when parameters failed validation.
/// </summary>
internal sealed record StripeReply(int Status, string Body, bool Executed)
{
    public bool Replayed { get; init; }

    public static StripeReply Ok(JsonObject body) => new(StatusCodes.Status200OK, body.ToJsonString(), Executed: true);

    /// <summary>An error from running the request (a decline): saved and replayed like a success.</summary>
    public static StripeReply Failed(int status, JsonObject error) => new(status, new JsonObject { ["error"] = error }.ToJsonString(), Executed: true);

    /// <summary>A 400 invalid_request_error from validation: not saved for the idempotency key.</summary>
    public static StripeReply Invalid(string? code, string message, string? param = null) =>
        Rejected(StatusCodes.Status400BadRequest, new SimulatedError("invalid_request_error", code, message, Param: param));

    public static StripeReply Missing(string what, string id, string param) =>
        Rejected(StatusCodes.Status404NotFound, new SimulatedError("invalid_request_error", "resource_missing", $"No such {what}: '{id}'", Param: param));

    public static StripeReply Rejected(int status, SimulatedError error) => new(status, new JsonObject { ["error"] = StripeJson.Error(error) }.ToJsonString(), Executed: false);
}
