using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Audit.Search;

/// <summary>
/// Records access to the audit trail itself (PCI DSS 10.2.1.3) on the chain that was read, each in its
/// own transaction: reading changes nothing else to commit with.
/// </summary>
public sealed class AuditAccessLog(IServiceScopeFactory scopes, IAuditTrail trail)
{
    public Task RecordViewedAsync(Guid chain, ActingUser by, AuditFilter filter) =>
        AppendAsync(chain, by, AuditAction.AuditViewed, AuditOutcome.Success, "audit_trail", ChainName(chain), new { filter = Describe(filter) });

    public Task RecordEntryViewedAsync(Guid chain, ActingUser by, long sequence) =>
        AppendAsync(chain, by, AuditAction.AuditViewed, AuditOutcome.Success, "audit_entry", sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), null);

    public Task RecordExportedAsync(Guid chain, ActingUser by, AuditFilter filter, string format) =>
        AppendAsync(chain, by, AuditAction.AuditExported, AuditOutcome.Success, "audit_trail", ChainName(chain), new { format, filter = Describe(filter) });

    public Task RecordVerifiedAsync(Guid chain, AuditActor by, AuditOrigin origin, bool intact, object details) =>
        AppendAsync(chain, by, origin, AuditAction.AuditVerified, intact ? AuditOutcome.Success : AuditOutcome.Failure, "audit_trail", ChainName(chain), details);

    public static string ChainName(Guid chain) => chain == AuditEntry.PlatformChain ? "platform" : chain.ToString();

    /// <summary>Only the criteria that were set, so an entry says exactly what was looked at.</summary>
    public static Dictionary<string, string> Describe(AuditFilter filter)
    {
        var criteria = new Dictionary<string, string>();
        void Add(string name, object? value)
        {
            if (value is not null && !(value is string s && string.IsNullOrWhiteSpace(s)))
            {
                criteria[name] = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!;
            }
        }

        Add("from", filter.From?.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        Add("to", filter.To?.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        Add("actor", filter.Actor);
        Add("group", filter.Group);
        Add("action", filter.Action);
        Add("target_type", filter.TargetType);
        Add("target_id", filter.TargetId);
        Add("outcome", filter.Outcome);
        Add("text", filter.Text);
        return criteria;
    }

    private Task AppendAsync(Guid chain, ActingUser by, AuditAction action, AuditOutcome outcome, string targetType, string targetId, object? details) =>
        AppendAsync(chain, by.Actor, by.Origin, action, outcome, targetType, targetId, details);

    private async Task AppendAsync(
        Guid chain, AuditActor by, AuditOrigin origin, AuditAction action, AuditOutcome outcome, string targetType, string targetId, object? details)
    {
        await using var scope = chain == AuditEntry.PlatformChain ? scopes.CreateForPlatform() : scopes.CreateForMerchant(chain);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync();
        await trail.AppendAsync(db, new AuditRecord(chain == AuditEntry.PlatformChain ? null : chain, action, outcome, by,
            targetType, targetId, null, details, origin));
        await tx.CommitAsync();
    }
}
