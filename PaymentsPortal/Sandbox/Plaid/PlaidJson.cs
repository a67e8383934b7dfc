using System.Globalization;
using System.Text.Json.Nodes;
using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Sandbox.Plaid;

/// <summary>
/// The simulator's objects in the JSON shapes of Plaid's OpenAPI definition (AccountBase, Transaction, Item,
/// ItemWithConsentFields, NumbersACH): snake_case, every required field present, nullable ones written as null.
/// </summary>
internal static class PlaidJson
{
    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Plaid sends amounts as JSON numbers in major units; the simulator keeps minor units and converts exactly.</summary>
    public static decimal Amount(Money money) => (decimal)money.MinorUnits / money.Currency.MinorPerMajor;

    public static decimal Amount(long cents) => cents / 100m;

    /// <param name="balanceAsOf">Set for /accounts/balance/get, whose balances are fetched in real time.</param>
    public static JsonObject Account(PlaidAccountRecord account, DateTimeOffset? balanceAsOf = null)
    {
        var json = new JsonObject
        {
            ["account_id"] = account.AccountId,
            ["balances"] = new JsonObject
            {
                ["available"] = Amount(account.AvailableCents),
                ["current"] = Amount(account.CurrentCents),
                ["limit"] = null,
                ["iso_currency_code"] = "USD",
                ["unofficial_currency_code"] = null,
                ["last_updated_datetime"] = balanceAsOf is { } at ? Time(at) : null,
            },
            ["mask"] = account.Template.Mask,
            ["name"] = account.Template.Name,
            ["official_name"] = account.Template.OfficialName,
            ["type"] = "depository",
            ["subtype"] = account.Template.Subtype,
            ["holder_category"] = "personal",
        };
        if (account.VerificationStatus is { } status)
        {
            json["verification_status"] = status;
        }

        return json;
    }

    public static JsonArray Accounts(IEnumerable<PlaidAccountRecord> accounts, DateTimeOffset? balanceAsOf = null) =>
        [.. accounts.Select(a => (JsonNode)Account(a, balanceAsOf))];

    public static JsonObject Transaction(PlaidSimulatedTransaction t) => new()
    {
        ["account_id"] = t.AccountId,
        ["account_owner"] = null,
        ["amount"] = Amount(t.Amount),
        ["iso_currency_code"] = t.Amount.Currency.Code,
        ["unofficial_currency_code"] = null,
        ["category"] = null,
        ["category_id"] = null,
        ["check_number"] = null,
        ["counterparties"] = t.MerchantName is null ? new JsonArray() : new JsonArray(new JsonObject
        {
            ["name"] = t.MerchantName,
            ["type"] = t.Payer is null ? "merchant" : "financial_institution",
            ["logo_url"] = null,
            ["website"] = null,
            ["entity_id"] = null,
            ["confidence_level"] = "VERY_HIGH",
        }),
        ["date"] = Date(t.Date),
        ["datetime"] = null,
        ["authorized_date"] = t.AuthorizedDate is { } authorized ? Date(authorized) : null,
        ["authorized_datetime"] = null,
        ["location"] = new JsonObject
        {
            ["address"] = null, ["city"] = null, ["region"] = null, ["postal_code"] = null,
            ["country"] = null, ["lat"] = null, ["lon"] = null, ["store_number"] = null,
        },
        ["name"] = t.Name,
        ["merchant_name"] = t.MerchantName,
        ["merchant_entity_id"] = null,
        ["logo_url"] = null,
        ["website"] = null,
        ["original_description"] = null,
        ["payment_meta"] = new JsonObject
        {
            ["by_order_of"] = null,
            ["payee"] = null,
            ["payer"] = t.Payer,
            ["payment_method"] = t.Payer is null ? null : "ACH",
            ["payment_processor"] = null,
            ["ppd_id"] = null,
            ["reason"] = null,
            ["reference_number"] = t.ReferenceNumber,
        },
        ["payment_channel"] = t.PaymentChannel,
        ["pending"] = t.Pending,
        ["pending_transaction_id"] = t.PendingTransactionId,
        ["personal_finance_category"] = new JsonObject
        {
            ["primary"] = t.CategoryPrimary,
            ["detailed"] = t.CategoryDetailed,
            ["confidence_level"] = "VERY_HIGH",
        },
        ["transaction_code"] = null,
        ["transaction_id"] = t.TransactionId,
        ["transaction_type"] = t.PaymentChannel switch { "online" => "digital", "in store" => "place", _ => "special" },
    };

    /// <param name="withConsentFields">ItemWithConsentFields (/item/get) adds created_at and the consent lists.</param>
    public static JsonObject Item(PlaidItemRecord item, bool withConsentFields)
    {
        var json = new JsonObject
        {
            ["item_id"] = item.ItemId,
            ["institution_id"] = item.Institution.InstitutionId,
            ["institution_name"] = item.Institution.Name,
            ["webhook"] = item.Webhook,
            ["auth_method"] = item.Institution.AuthMethod,
            ["error"] = item.Error?.ToWebhookJson(),
            ["available_products"] = Strings(PlaidInstitution.SupportedProducts.Except(item.Products).Order(StringComparer.Ordinal)),
            ["billed_products"] = Strings(item.Products.Order(StringComparer.Ordinal)),
            ["products"] = Strings(item.Products.Order(StringComparer.Ordinal)),
            ["consented_products"] = Strings(item.Products.Order(StringComparer.Ordinal)),
            ["consent_expiration_time"] = item.ConsentExpiration is { } expires ? Time(expires) : null,
            ["update_type"] = "background",
        };
        if (withConsentFields)
        {
            json["created_at"] = Time(item.CreatedAt);
        }

        return json;
    }

    public static JsonObject AchNumbers(PlaidItemRecord item, PlaidAccountRecord account) => new()
    {
        ["account_id"] = account.AccountId,
        ["account"] = account.Template.AccountNumber,
        ["routing"] = item.Institution.RoutingNumber,
        ["wire_routing"] = null,
        ["is_tokenized_account_number"] = false,
        ["can_transfer_in"] = true,
        ["can_transfer_out"] = true,
    };

    public static JsonArray Strings(IEnumerable<string> values) => [.. values.Select(v => (JsonNode?)JsonValue.Create(v))];
}
