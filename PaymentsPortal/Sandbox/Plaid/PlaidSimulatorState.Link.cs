using System.Text.Json.Nodes;

namespace PaymentsPortal.Sandbox.Plaid;

/// <summary>/link/token/create, and the steps of the Link stand-in behind a link token.</summary>
internal sealed partial class PlaidSimulatorState
{
    private readonly Dictionary<string, PlaidLinkSession> linkSessions = new(StringComparer.Ordinal);

    public PlaidResult CreateLinkToken(PlaidRequest request)
    {
        var updateToken = request.Text("access_token");
        var products = request.Texts("products") ?? [];
        if (request.Texts("country_codes") is not { Count: > 0 })
        {
            return PlaidApiError.InvalidField("country_codes must be a non-empty array of country codes");
        }

        if (request.Text("user", "client_user_id") is null && !request.Has("user_id") && !request.Has("user_token"))
        {
            return PlaidApiError.MissingFields(["user.client_user_id"]);
        }

        if (updateToken is null && products.Count == 0)
        {
            return PlaidApiError.InvalidField("products must contain at least one product unless access_token is set (update mode)");
        }

        if (products.FirstOrDefault(p => !PlaidInstitution.SupportedProducts.Contains(p)) is { } unsupported)
        {
            return new PlaidApiError(400, "INVALID_INPUT", "INVALID_PRODUCT", $"{unsupported} is not supported by the Plaid simulator's institutions");
        }

        var webhook = request.Text("webhook");
        var redirect = request.Text("redirect_uri");
        if (((webhook is null ? null : PlaidLinkRules.WebhookProblem(webhook)) ?? (redirect is null ? null : PlaidLinkRules.RedirectProblem(redirect))) is { } invalid)
        {
            return invalid;
        }

        lock (gate)
        {
            PlaidItemRecord? item = null;
            if (updateToken is not null && Resolve(updateToken, out item) is { } unknownItem)
            {
                return unknownItem;
            }

            var now = clock.GetUtcNow();
            var session = new PlaidLinkSession("link-sandbox-" + Guid.NewGuid().ToString("D"), now + options.LinkTokenLifetime, Guid.NewGuid().ToString("D"))
            {
                ClientName = request.Text("client_name")!,
                Products = products,
                Webhook = webhook ?? item?.Webhook,
                RedirectUri = redirect,
                UpdateItem = item,
            };
            linkSessions.Add(session.LinkToken, session);
            return PlaidResult.Ok(new JsonObject { ["link_token"] = session.LinkToken, ["expiration"] = PlaidJson.Time(session.Expires) }, item?.ItemId);
        }
    }

    /// <summary>What the stand-in shows when it opens: the institutions, or (update mode, OAuth return) the one Item or bank.</summary>
    public PlaidResult LinkSession(string? linkToken, string? oauthStateId)
    {
        lock (gate)
        {
            if (ResolveLink(linkToken, out var session) is { } invalid)
            {
                return invalid;
            }

            if (oauthStateId is not null && oauthStateId != session.OauthStateId)
            {
                return PlaidApiError.InvalidField("oauth_state_id does not belong to this link token");
            }

            var focus = session.UpdateItem?.Institution ?? (oauthStateId is null ? null : PlaidInstitution.Find(session.OauthInstitutionId));
            return PlaidResult.Ok(new JsonObject
            {
                ["link_session_id"] = session.LinkSessionId,
                ["client_name"] = session.ClientName,
                ["mode"] = oauthStateId is not null ? "oauth_return" : session.UpdateItem is not null ? "update" : "create",
                ["update"] = session.UpdateItem is not null,
                ["institutions"] = new JsonArray([.. PlaidInstitution.All.Select(i => (JsonNode)LinkInstitution(i))]),
                ["institution"] = focus is null ? null : LinkInstitution(focus),
                ["accounts"] = focus is null ? null : LinkAccounts(session, focus),
                ["has_redirect_uri"] = session.RedirectUri is not null,
            });
        }
    }

    /// <summary>A non-OAuth bank's login (Plaid's sandbox: user_good / pass_good); answers the accounts to choose from.</summary>
    public PlaidResult LinkLogin(string? linkToken, string? institutionId, string? username, string? password)
    {
        lock (gate)
        {
            if (ResolveLink(linkToken, out var session) is { } invalid)
            {
                return invalid;
            }

            if (LinkInstitution(session, institutionId, out var institution) is { } problem)
            {
                return problem;
            }

            if (string.IsNullOrEmpty(username) || password != PlaidInstitution.GoodPassword)
            {
                return PlaidApiError.InvalidCredentials();
            }

            session.LoggedInInstitutionId = institution.InstitutionId;
            return PlaidResult.Ok(new JsonObject { ["accounts"] = LinkAccounts(session, institution) });
        }
    }

    /// <summary>Sends the user to an OAuth bank: an oauth_state_id, and where Link returns to (the link token's redirect_uri).</summary>
    public PlaidResult LinkOauthStart(string? linkToken, string? institutionId)
    {
        lock (gate)
        {
            if (ResolveLink(linkToken, out var session) is { } invalid)
            {
                return invalid;
            }

            if (LinkInstitution(session, institutionId, out var institution) is { } problem)
            {
                return problem;
            }

            session.OauthStateId = Guid.NewGuid().ToString("D");
            session.OauthInstitutionId = institution.InstitutionId;
            return PlaidResult.Ok(new JsonObject
            {
                ["oauth_state_id"] = session.OauthStateId,
                ["redirect_uri"] = session.RedirectUri is null ? null : session.RedirectUri + "?oauth_state_id=" + Uri.EscapeDataString(session.OauthStateId),
                ["accounts"] = LinkAccounts(session, institution),
            });
        }
    }

    /// <summary>
    /// Finishes Link: a new Item with the chosen accounts (by mask), or in update mode the repaired Item (its error cleared, no
    /// new Item), and the public token and metadata onSuccess receives.
    /// </summary>
    public PlaidResult LinkComplete(string? linkToken, string? institutionId, IReadOnlyCollection<string> masks, string? oauthStateId)
    {
        lock (gate)
        {
            if (ResolveLink(linkToken, out var session) is { } invalid)
            {
                return invalid;
            }

            if (LinkInstitution(session, institutionId, out var institution) is { } problem)
            {
                return problem;
            }

            var authenticated = institution.Oauth
                ? oauthStateId is not null && oauthStateId == session.OauthStateId && session.OauthInstitutionId == institution.InstitutionId
                : session.LoggedInInstitutionId == institution.InstitutionId;
            if (!authenticated)
            {
                return PlaidApiError.InvalidField("log in at the institution (or finish its OAuth step) before completing Link");
            }

            var item = session.UpdateItem;
            if (item is null)
            {
                if (masks.Count == 0 || masks.Any(m => institution.Accounts.All(a => a.Mask != m)))
                {
                    return PlaidApiError.InvalidField("choose at least one of the institution's accounts");
                }

                item = CreateItem(institution, session.Webhook, session.Products, masks);
            }
            else
            {
                item.Error = null;
                item.ConsentExpiration = institution.ConsentDays is { } days ? clock.GetUtcNow().AddDays(days) : item.ConsentExpiration;
            }

            linkSessions.Remove(session.LinkToken);
            return PlaidResult.Ok(new JsonObject
            {
                ["public_token"] = IssuePublicToken(item),
                ["metadata"] = new JsonObject
                {
                    ["institution"] = new JsonObject { ["name"] = institution.Name, ["institution_id"] = institution.InstitutionId },
                    ["accounts"] = new JsonArray([.. item.Accounts.Select(a => (JsonNode)new JsonObject
                    {
                        ["id"] = a.AccountId,
                        ["name"] = a.Template.Name,
                        ["mask"] = a.Template.Mask,
                        ["type"] = "depository",
                        ["subtype"] = a.Template.Subtype,
                        ["verification_status"] = a.VerificationStatus,
                    })]),
                    ["link_session_id"] = session.LinkSessionId,
                    ["transfer_status"] = null,
                },
            }, item.ItemId);
        }
    }

    private PlaidApiError? ResolveLink(string? linkToken, out PlaidLinkSession session)
    {
        if (linkToken is null || !linkSessions.TryGetValue(linkToken, out session!))
        {
            session = null!;
            return PlaidApiError.InvalidLinkToken(expired: false);
        }

        return session.Expires <= clock.GetUtcNow() ? PlaidApiError.InvalidLinkToken(expired: true) : null;
    }

    // Update mode is bound to its Item's institution; a bank that is down cannot be linked, as Link shows INSTITUTION_DOWN.
    private PlaidApiError? LinkInstitution(PlaidLinkSession session, string? institutionId, out PlaidInstitution institution)
    {
        institution = PlaidInstitution.Find(institutionId)!;
        if (institution is null || (session.UpdateItem is { } item && item.Institution != institution))
        {
            return PlaidApiError.InstitutionNotFound();
        }

        return downInstitutions.Contains(institution.InstitutionId) ? PlaidApiError.InstitutionDown() : null;
    }

    private JsonObject LinkInstitution(PlaidInstitution institution) => new()
    {
        ["institution_id"] = institution.InstitutionId,
        ["name"] = institution.Name,
        ["oauth"] = institution.Oauth,
        ["down"] = downInstitutions.Contains(institution.InstitutionId),
    };

    private static JsonArray LinkAccounts(PlaidLinkSession session, PlaidInstitution institution) =>
        [.. (session.UpdateItem?.Accounts.Select(a => a.Template) ?? institution.Accounts).Select(t => (JsonNode)new JsonObject
        {
            ["name"] = t.Name,
            ["mask"] = t.Mask,
            ["subtype"] = t.Subtype,
        })];
}
