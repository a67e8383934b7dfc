using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Persistence;

namespace PaymentsPortal.Core.Audit.Search;

/// <summary>Applies an <see cref="AuditFilter"/> to one chain's entries; shared by the list, the history and the exports.</summary>
internal static class AuditQueryable
{
    public static IQueryable<AuditEntry> Chain(PortalDbContext db, Guid chain) =>
        // The chain is always named explicitly; the platform chain belongs to no tenant, so the filter is lifted for it alone.
        (chain == AuditEntry.PlatformChain ? db.AuditEntries.IgnoreQueryFilters() : db.AuditEntries)
            .AsNoTracking()
            .Where(e => e.MerchantId == chain);

    public static IQueryable<AuditEntry> Apply(this IQueryable<AuditEntry> entries, AuditFilter filter)
    {
        if (filter.From is { } from)
        {
            entries = entries.Where(e => e.OccurredAt >= from);
        }

        if (filter.To is { } to)
        {
            entries = entries.Where(e => e.OccurredAt < to);
        }

        if (Present(filter.Actor) is { } actor)
        {
            var pattern = LikePattern.Containing(actor);
            entries = entries.Where(e => e.ActorId == actor || EF.Functions.ILike(e.ActorName, pattern, LikePattern.Escape));
        }

        if (filter.Action is { } action)
        {
            entries = entries.Where(e => e.Action == action);
        }
        else if (filter.Group is { } group)
        {
            var (low, high) = ((AuditAction)((int)group * 1000), (AuditAction)((int)group * 1000 + 999));
            entries = entries.Where(e => e.Action >= low && e.Action <= high);
        }

        if (Present(filter.TargetType) is { } targetType)
        {
            entries = entries.Where(e => e.TargetType == targetType);
        }

        if (Present(filter.TargetId) is { } targetId)
        {
            entries = entries.Where(e => e.TargetId == targetId);
        }

        if (filter.Outcome is { } outcome)
        {
            entries = entries.Where(e => e.Outcome == outcome);
        }

        if (Present(filter.Text) is { } text)
        {
            var pattern = LikePattern.Containing(text);
            entries = entries.Where(e =>
                EF.Functions.ILike(e.ActorName, pattern, LikePattern.Escape)
                || EF.Functions.ILike(e.TargetId!, pattern, LikePattern.Escape)
                || EF.Functions.ILike(e.Reason!, pattern, LikePattern.Escape)
                || EF.Functions.ILike(e.Details, pattern, LikePattern.Escape));
        }

        return entries;
    }

    private static string? Present(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
