using System.Text.Json.Nodes;

namespace PaymentsPortal.Sandbox.Stripe;

/// <summary>
/// The parameters every Stripe list endpoint shares: <c>limit</c> (1 to 100, 10 by default), one cursor
/// (<c>starting_after</c> or <c>ending_before</c>, an object id) and the <c>created</c> range, given either as one
/// timestamp or as <c>created[gt|gte|lt|lte]</c>. Lists are newest first; a page holds what follows the cursor.
/// </summary>
internal sealed record StripeListRequest(int Limit, string? StartingAfter, string? EndingBefore, long? LowerBound, long? UpperBound)
{
    private const int DefaultLimit = 10;
    private const int MaxLimit = 100;

    public static bool TryParse(StripeParameters parameters, out StripeListRequest request, out StripeReply? error)
    {
        request = new StripeListRequest(DefaultLimit, null, null, null, null);
        if (!parameters.TryGetInteger("limit", out var limit, out error))
        {
            return false;
        }

        if (limit is < 1 or > MaxLimit)
        {
            error = StripeReply.Invalid("parameter_invalid_integer", $"Invalid limit: must be between 1 and {MaxLimit}.", "limit");
            return false;
        }

        var startingAfter = parameters["starting_after"];
        var endingBefore = parameters["ending_before"];
        if (startingAfter is not null && endingBefore is not null)
        {
            error = StripeReply.Invalid(null, "You may only specify one of these parameters: ending_before, starting_after.", "ending_before");
            return false;
        }

        if (!TryGetCreated(parameters, out var lower, out var upper, out error))
        {
            return false;
        }

        request = new StripeListRequest((int)(limit ?? DefaultLimit), startingAfter, endingBefore, lower, upper);
        return true;
    }

    /// <summary>
    /// One page of <paramref name="timeline"/> (the account's objects, oldest first) among those <paramref name="matches"/>
    /// accepts, newest first, as Stripe's list object. An unknown cursor is an error, as at Stripe.
    /// </summary>
    public StripeReply Page<T>(StripeTimeline<T>? timeline, string what, Func<T, bool> matches, Func<T, JsonObject> json, string url)
        where T : class, IStripeListed
    {
        var cursor = StartingAfter ?? EndingBefore;
        var cursorIndex = -1;
        if (cursor is not null && (timeline is null || (cursorIndex = timeline.IndexOf(cursor)) < 0))
        {
            return StripeReply.Invalid("resource_missing", $"No such {what}: '{cursor}'", StartingAfter is not null ? "starting_after" : "ending_before");
        }

        var page = new List<T>(Limit + 1);
        if (timeline is not null && EndingBefore is not null)
        {
            // The page just newer than the cursor: walk up from it, then show it newest first like any page.
            for (var index = cursorIndex + 1; index < timeline.Count && page.Count <= Limit; index++)
            {
                var item = timeline[index];
                if (UpperBound is { } upper && item.Created > upper)
                {
                    break;
                }

                if (WithinCreated(item.Created) && matches(item))
                {
                    page.Add(item);
                }
            }
        }
        else if (timeline is not null)
        {
            for (var index = StartingAfter is not null ? cursorIndex - 1 : timeline.Count - 1; index >= 0 && page.Count <= Limit; index--)
            {
                var item = timeline[index];
                if (LowerBound is { } lower && item.Created < lower)
                {
                    break;
                }

                if (WithinCreated(item.Created) && matches(item))
                {
                    page.Add(item);
                }
            }
        }

        var hasMore = page.Count > Limit;
        var shown = page.Take(Limit);
        if (EndingBefore is not null)
        {
            shown = shown.Reverse();
        }

        return StripeReply.Ok(StripeJson.List(shown.Select(json), hasMore, url));
    }

    private bool WithinCreated(long created) => (LowerBound is not { } lower || created >= lower) && (UpperBound is not { } upper || created <= upper);

    // created=T is exactly T; the bracketed forms narrow to an inclusive range (gt T is gte T+1 in whole seconds).
    private static bool TryGetCreated(StripeParameters parameters, out long? lower, out long? upper, out StripeReply? error)
    {
        lower = null;
        upper = null;
        if (!parameters.TryGetInteger("created", out var exactly, out error)
            || !parameters.TryGetInteger("created[gt]", out var gt, out error)
            || !parameters.TryGetInteger("created[gte]", out var gte, out error)
            || !parameters.TryGetInteger("created[lt]", out var lt, out error)
            || !parameters.TryGetInteger("created[lte]", out var lte, out error))
        {
            return false;
        }

        var unknown = parameters.Nested("created").Keys.FirstOrDefault(key => key is not ("gt" or "gte" or "lt" or "lte"));
        if (unknown is not null)
        {
            error = StripeReply.Invalid("parameter_unknown", $"Received unknown parameter: created[{unknown}]", $"created[{unknown}]");
            return false;
        }

        lower = Max(Max(exactly, gte), gt + 1);
        upper = Min(Min(exactly, lte), lt - 1);
        return true;
    }

    private static long? Max(long? left, long? right) => left is null ? right : right is null ? left : Math.Max(left.Value, right.Value);

    private static long? Min(long? left, long? right) => left is null ? right : right is null ? left : Math.Min(left.Value, right.Value);
}
