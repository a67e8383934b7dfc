using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Core.Demo;

/// <summary>The demo merchants and accounts that Sandbox mode seeds. Never seeded in Production.</summary>
public static class DemoData
{
    public const string Password = "Demo-Passw0rd!";
    public const string DemoCoffee = "Demo Coffee Co.";
    public const string Northwind = "Northwind Books";
    public const string PlatformAdminEmail = "platform@demo.local";

    /// <summary>Refunds up to these go straight to the gateway; larger ones wait for a second Admin.</summary>
    public static IReadOnlyList<Money> RefundApprovalThresholds { get; } =
    [
        new(100_00, Currency.From("USD")),
        new(100_00, Currency.From("EUR")),
        new(100_00, Currency.From("GBP")),
        new(15_000, Currency.From("JPY")),
    ];

    public static IReadOnlyList<DemoAccount> Accounts { get; } =
    [
        new("admin@demo.local", "Ada Admin", DemoCoffee, MerchantRole.Admin),
        new("operator@demo.local", "Omar Operator", DemoCoffee, MerchantRole.Operator),
        new("support@demo.local", "Sam Support", DemoCoffee, MerchantRole.Support),
        new("compliance@demo.local", "Cora Compliance", DemoCoffee, MerchantRole.Compliance),
        new("viewer@demo.local", "Vic Viewer", DemoCoffee, MerchantRole.Viewer),
        new("admin@northwind.local", "Nora Northwind", Northwind, MerchantRole.Admin),
        new(PlatformAdminEmail, "Pat Platform", null, null),
    ];
}

/// <summary>A demo account; a null merchant and role mark the platform administrator.</summary>
public sealed record DemoAccount(string Email, string DisplayName, string? Merchant, MerchantRole? Role);
