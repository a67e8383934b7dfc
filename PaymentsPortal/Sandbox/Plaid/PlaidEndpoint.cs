using System.Collections.Frozen;
using System.Text.Json.Nodes;

namespace PaymentsPortal.Sandbox.Plaid;

/// <summary>What a handler answers: a 200 body, or a Plaid error; ItemId names the Item for the request log.</summary>
internal readonly record struct PlaidResult(JsonObject? Body, PlaidApiError? Error, string? ItemId = null)
{
    public static implicit operator PlaidResult(PlaidApiError error) => new(null, error);

    public static PlaidResult Ok(JsonObject body, string? itemId = null) => new(body, null, itemId);
}

/// <summary>
/// One simulated API route: its top-level request fields (copied from Plaid's OpenAPI definition, so a field Plaid does not
/// know is refused with UNKNOWN_FIELDS, as Plaid refuses it) and the ones it requires.
/// </summary>
internal sealed record PlaidEndpoint(string Path, FrozenSet<string> Fields, IReadOnlyList<string> Required, Func<PlaidSimulatorState, PlaidRequest, PlaidResult> Handle)
{
    private static PlaidEndpoint Of(string path, string fields, string required, Func<PlaidSimulatorState, PlaidRequest, PlaidResult> handle) => new(
        path,
        fields.Split(' ', StringSplitOptions.RemoveEmptyEntries).Concat(["client_id", "secret"]).ToFrozenSet(StringComparer.Ordinal),
        required.Split(' ', StringSplitOptions.RemoveEmptyEntries),
        handle);

    public static IReadOnlyList<PlaidEndpoint> All { get; } =
    [
        Of("/link/token/create",
            "client_name language country_codes user user_id products required_if_supported_products optional_products additional_consented_products " +
            "webhook access_token access_tokens link_customization_name appearance_mode redirect_uri android_package_name institution_data card_switch " +
            "account_filters eu_config institution_id payment_configuration payment_initiation employment income_verification base_report " +
            "credit_partner_insights cra_options consumer_report_permissible_purpose auth transfer update identity_verification statements " +
            "third_party_user_token investments investments_auth hosted_link transactions cashflow_report cra_enabled identity financekit_supported " +
            "enable_multi_item_link user_token",
            "client_name language country_codes", (s, r) => s.CreateLinkToken(r)),
        Of("/item/public_token/exchange", "public_token", "public_token", (s, r) => s.ExchangePublicToken(r)),
        Of("/accounts/get", "access_token options", "access_token", (s, r) => s.GetAccounts(r, realTimeBalance: false)),
        Of("/accounts/balance/get", "access_token options", "access_token", (s, r) => s.GetAccounts(r, realTimeBalance: true)),
        Of("/auth/get", "access_token options", "access_token", (s, r) => s.GetAuth(r)),
        Of("/transactions/sync", "access_token cursor count options", "access_token", (s, r) => s.SyncTransactions(r)),
        Of("/item/get", "access_token", "access_token", (s, r) => s.GetItem(r)),
        Of("/item/remove", "access_token reason_code reason_note", "access_token", (s, r) => s.RemoveItem(r)),
        Of("/webhook_verification_key/get", "key_id", "key_id", (s, r) => s.GetWebhookVerificationKey(r)),
        Of("/sandbox/public_token/create", "institution_id initial_products options user_token user_id", "institution_id initial_products",
            (s, r) => s.CreateSandboxPublicToken(r)),
        Of("/sandbox/item/reset_login", "access_token", "access_token", (s, r) => s.ResetLogin(r)),
        Of("/sandbox/item/fire_webhook", "access_token webhook_type webhook_code", "access_token webhook_code", (s, r) => s.FireWebhook(r)),
        Of("/sandbox/item/set_verification_status", "access_token account_id verification_status", "access_token account_id verification_status",
            (s, r) => s.SetVerificationStatus(r)),
        Of("/sandbox/transactions/create", "access_token transactions", "access_token transactions", (s, r) => s.CreateSandboxTransactions(r)),
    ];
}
