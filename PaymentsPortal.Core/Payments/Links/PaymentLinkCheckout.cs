using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Routing;
using PaymentsPortal.Core.Identity;
using PaymentsPortal.Core.Idempotency;
using PaymentsPortal.Core.Payments.Checkout;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Payments.Links;

/// <summary>
/// The public side of a link: what the page shows a customer who has the URL, and the payment they make, with nobody
/// signed in. Whether the link may be paid is decided by <see cref="PaymentLinkAdmission"/> inside the router's first
/// transaction, with the link's row locked, never from what the page showed earlier.
/// </summary>
public sealed class PaymentLinkCheckout(
    IServiceScopeFactory scopes, PaymentRouter router, CheckoutPayments payments, PaymentLinkLedger ledger, TimeProvider clock)
{
    /// <summary>Who pays: a customer nobody signed in, known to the audit trail only by the request's origin.</summary>
    public static readonly AuditActor Customer = AuditActor.System("customer (payment link)");

    public const string NotFound = "This payment link does not exist or is no longer available.";

    /// <summary>A fresh checkout key for one visit of the page; a reload keeps it (sessionStorage), a new card gets a new one.</summary>
    public static string NewCheckoutKey() => "pl_" + Guid.NewGuid().ToString("N");

    /// <summary>Why a customer cannot pay a link, in their words; null for a payable link.</summary>
    public static string? Explain(PaymentLinkAvailability availability, int? maxUses) => availability switch
    {
        PaymentLinkAvailability.Payable => null,
        PaymentLinkAvailability.Expired => "This payment link has expired. Ask the merchant for a new one.",
        PaymentLinkAvailability.UsedUp when maxUses == 1 => "This payment link has already been paid.",
        PaymentLinkAvailability.UsedUp => "This payment link has been used as many times as it allows.",
        PaymentLinkAvailability.Deactivated => "This payment link is no longer active. Ask the merchant for a new one.",
    };

    /// <summary>The link behind <paramref name="slug"/>, or null for an unknown slug or a merchant that cannot take payments now.</summary>
    public async Task<PaymentLinkView?> OpenAsync(string? slug, CancellationToken cancellationToken = default)
    {
        if (!PaymentLinkSlug.IsWellFormed(slug))
        {
            return null;
        }

        PaymentLink link;
        string merchantName;
        await using (var platform = scopes.CreateForPlatform())
        {
            var db = platform.ServiceProvider.GetRequiredService<PortalDbContext>();

            // Across merchants on purpose: the slug is all a customer has, and it is unique over every merchant's links.
            var found = await db.PaymentLinks.IgnoreQueryFilters().AsNoTracking()
                .Where(l => l.Slug == slug)
                .Join(db.Merchants.Where(m => m.Status == MerchantStatus.Active), l => l.MerchantId, m => m.Id, (l, m) => new { Link = l, m.Name })
                .SingleOrDefaultAsync(cancellationToken);
            if (found is null)
            {
                return null;
            }

            (link, merchantName) = (found.Link, found.Name);
        }

        await using var scope = scopes.CreateForMerchant(link.MerchantId);
        var uses = await PaymentLinkUses.CountAsync(scope.ServiceProvider.GetRequiredService<PortalDbContext>(), link.Id, cancellationToken);
        return new PaymentLinkView(link.Id, link.MerchantId, merchantName, link.Amount, link.Description, link.ExpiresAt, link.MaxUses,
            link.AvailabilityAt(clock.GetUtcNow(), uses));
    }

    public async Task<CheckoutOutcome> PayAsync(string? slug, LinkPayment payment, AuditOrigin origin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(payment);
        if (Problem(payment) is { } problem)
        {
            return CheckoutOutcome.Refused(problem);
        }

        if (await OpenAsync(slug, cancellationToken) is not { } link)
        {
            return CheckoutOutcome.Refused(NotFound);
        }

        // Availability is not checked here but by the admission, under the link's lock: what this read saw may be stale by
        // the time the payment starts, and a retried request of a payment already made must still get that payment back.
        cancellationToken.ThrowIfCancellationRequested();
        var result = await router.PayAsync(new PayCommand(link.MerchantId, payment.IdempotencyKey, link.Amount, payment.Token, CaptureImmediately: true,
            link.Description, payment.CustomerEmail, ReturnUrl: null, Customer, origin)
        {
            PaymentLinkId = link.LinkId,
            Admission = new PaymentLinkAdmission(ledger, clock, link.MerchantId, link.LinkId, origin),
        }, CancellationToken.None);
        return await payments.OutcomeOfAsync(link.MerchantId, result, cancellationToken);
    }

    /// <summary>What became of this link's checkout with <paramref name="key"/>; null while the key started no payment through it.</summary>
    public Task<CheckoutOutcome?> FindAsync(PaymentLinkView link, string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(link);
        return payments.FindAsync(link.MerchantId, key, link.LinkId, cancellationToken);
    }

    public static string? Problem(LinkPayment payment)
    {
        ArgumentNullException.ThrowIfNull(payment);
        if (!IdempotencyKeys.IsValidKey(payment.IdempotencyKey))
        {
            return "The page lost its checkout key; reload it to start again.";
        }

        if (string.IsNullOrWhiteSpace(payment.Token.Value))
        {
            return "The card was not read; enter it again.";
        }

        return payment.CustomerEmail is { } email && !EmailAddress.IsValid(email) ? "The email address is not valid." : null;
    }
}

/// <summary>What the public page knows about a link. The merchant's id stays on the server, inside the circuit.</summary>
public sealed record PaymentLinkView(
    Guid LinkId, Guid MerchantId, string MerchantName, Money Amount, string Description, DateTimeOffset ExpiresAt, int? MaxUses,
    PaymentLinkAvailability Availability)
{
    public string? Refusal => PaymentLinkCheckout.Explain(Availability, MaxUses);
}

/// <summary>A customer's card token (from the gateway's hosted fields) for a link, under the page's checkout key.</summary>
public sealed record LinkPayment(string IdempotencyKey, PaymentToken Token, string? CustomerEmail)
{
    public override string ToString() => $"a {Token.IssuedBy} token (key {IdempotencyKey})";
}
