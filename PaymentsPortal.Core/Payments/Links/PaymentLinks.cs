using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Common;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Payments.Links;

/// <summary>
/// Staff create and deactivate payment links (<see cref="Permission.PaymentLinksManage"/>: Admin and Operator). Every
/// change is audited in its own transaction; a link is never edited or deleted, because payments point at it and its
/// URL may already be in a customer's inbox.
/// </summary>
public sealed class PaymentLinks(IServiceScopeFactory scopes, PaymentLinkLedger ledger, TimeProvider clock)
{
    public async Task<CommandResult<PaymentLinkRow>> CreateAsync(UserAccess access, NewPaymentLink request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(request);
        if (access.Current is not { } merchant || !access.Has(Permission.PaymentLinksManage))
        {
            return CommandResult.Failure<PaymentLinkRow>("Your role cannot manage payment links.");
        }

        var now = clock.GetUtcNow();
        var description = request.Description?.Trim() ?? "";
        if (Problem(request, description, now, out var amount) is { } problem)
        {
            return CommandResult.Failure<PaymentLinkRow>(problem);
        }

        var by = access.AsActor();
        var link = PaymentLink.Create(merchant.MerchantId, Guid.CreateVersion7(now), PaymentLinkSlug.New(), amount, description, request.ExpiresAt,
            request.MaxUses, by, now);
        await using var scope = scopes.CreateForMerchant(merchant.MerchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        db.PaymentLinks.Add(link);
        await db.SaveChangesAsync(cancellationToken);
        await ledger.AuditAsync(db, link, AuditAction.PaymentLinkCreated, by.Actor, by.Origin, null, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return CommandResult.Returning(PaymentLinkRow.Of(link, uses: 0, now));
    }

    public async Task<CommandResult<PaymentLinkRow>> DeactivateAsync(UserAccess access, Guid linkId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        if (access.Current is not { } merchant || !access.Has(Permission.PaymentLinksManage))
        {
            return CommandResult.Failure<PaymentLinkRow>("Your role cannot manage payment links.");
        }

        var by = access.AsActor();
        await using var scope = scopes.CreateForMerchant(merchant.MerchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);

        // Locked like a payment through it locks it: a payment that started first is committed and counted before this.
        var link = await PaymentLinkLedger.LockAsync(db, merchant.MerchantId, linkId, cancellationToken);
        if (link is null)
        {
            return CommandResult.Failure<PaymentLinkRow>("No such payment link.");
        }

        if (link.Status == PaymentLinkStatus.Deactivated)
        {
            return CommandResult.Failure<PaymentLinkRow>($"The link was already deactivated by {link.DeactivatedByName}.");
        }

        var now = clock.GetUtcNow();
        link.Deactivate(by, now);
        await db.SaveChangesAsync(cancellationToken);
        var uses = await PaymentLinkUses.CountAsync(db, link.Id, cancellationToken);
        await ledger.AuditAsync(db, link, AuditAction.PaymentLinkDeactivated, by.Actor, by.Origin, new Dictionary<string, object?> { ["uses"] = uses },
            cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return CommandResult.Returning(PaymentLinkRow.Of(link, uses, now));
    }

    /// <summary>What is wrong with the request, if anything; <paramref name="amount"/> is the exact amount when nothing is.</summary>
    public static string? Problem(NewPaymentLink request, string description, DateTimeOffset now, out Money amount)
    {
        ArgumentNullException.ThrowIfNull(request);
        amount = default;
        if (!Currency.TryFrom(request.CurrencyCode, out var currency))
        {
            return $"'{request.CurrencyCode}' is not a supported ISO 4217 currency.";
        }

        if (!Money.TryParse(request.Amount, currency, out amount, out var error))
        {
            return error;
        }

        if (!amount.IsPositive)
        {
            return "The amount must be greater than zero.";
        }

        if (description.Length == 0)
        {
            return "Describe what the customer pays for: the payment page shows it.";
        }

        if (description.Length > PaymentLink.DescriptionMaxLength)
        {
            return $"Keep the description to {PaymentLink.DescriptionMaxLength} characters.";
        }

        if (request.ExpiresAt <= now)
        {
            return "The expiry must be in the future.";
        }

        if (request.ExpiresAt > now + PaymentLink.MaxLifetime)
        {
            return $"A link can be valid for at most {PaymentLink.MaxLifetimeDays} days.";
        }

        return request.MaxUses is < 1 ? "A link must allow at least one payment." : null;
    }
}
