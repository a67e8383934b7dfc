using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Persistence;

namespace PaymentsPortal.Core.Payments.Search;

/// <summary>Applies a <see cref="PaymentFilter"/> in SQL. Text is matched literally: % and _ typed by a user are not wildcards.</summary>
internal static class PaymentQueryable
{
    public static IQueryable<Payment> Filter(IQueryable<Payment> payments, PaymentFilter filter)
    {
        if (filter.Statuses is { Count: > 0 } statuses)
        {
            payments = payments.Where(p => statuses.Contains(p.Status));
        }

        if (filter.CreatedFrom is { } from)
        {
            payments = payments.Where(p => p.CreatedAt >= from);
        }

        if (filter.CreatedBefore is { } before)
        {
            payments = payments.Where(p => p.CreatedAt < before);
        }

        if (filter.MinimumAmount is { } minimum)
        {
            payments = payments.Where(p => p.AmountMinor >= minimum);
        }

        if (filter.MaximumAmount is { } maximum)
        {
            payments = payments.Where(p => p.AmountMinor <= maximum);
        }

        if (!string.IsNullOrWhiteSpace(filter.Currency))
        {
            var currency = filter.Currency.Trim().ToUpperInvariant();
            payments = payments.Where(p => p.CurrencyCode == currency);
        }

        if (filter.Gateway is { } gateway)
        {
            payments = payments.Where(p => p.Gateway == gateway);
        }

        if (!string.IsNullOrWhiteSpace(filter.CardLast4))
        {
            var last4 = filter.CardLast4.Trim();
            payments = payments.Where(p => p.CardLast4 == last4);
        }

        if (!string.IsNullOrWhiteSpace(filter.CustomerEmail))
        {
            // The whole address in any case, as lower(customer_email) = @email, which ix_payments_customer_email_lower
            // serves already in created_at order. Npgsql translates only ToLower() to lower(); the culture the analyzers
            // ask for would not reach SQL, and string.Equals with a StringComparison has no translation at all.
            var email = filter.CustomerEmail.Trim().ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862
            payments = payments.Where(p => p.CustomerEmail != null && p.CustomerEmail.ToLower() == email);
#pragma warning restore CA1304, CA1311, CA1862
        }

        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            payments = MatchText(payments, filter.Text.Trim());
        }

        return payments;
    }

    private static IQueryable<Payment> MatchText(IQueryable<Payment> payments, string text)
    {
        if (Guid.TryParse(text, out var id))
        {
            return payments.Where(p => p.Id == id);
        }

        var words = LikePattern.Containing(text);
        return payments.Where(p => p.GatewayReference == text || (p.Description != null && EF.Functions.ILike(p.Description, words, LikePattern.Escape)));
    }
}
