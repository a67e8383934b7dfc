using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Common;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Payments.Search;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Payments.Export;

/// <summary>
/// Asks for a CSV export of the payments list as filtered, and tells how far one got. The request is audited before any
/// data leaves: taking customer data away in bulk is what an auditor asks about, whether or not the download finished.
/// </summary>
public sealed class PaymentExports(IServiceScopeFactory scopes, IAuditTrail trail, TimeProvider clock)
{
    public const string TargetType = "payment_export";

    public async Task<CommandResult<PaymentExport>> RequestAsync(UserAccess access, PaymentFilter filter, PaymentSort sort, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(filter);
        if (access.Current is not { } merchant || !access.Has(Permission.PaymentsExport))
        {
            return CommandResult.Failure<PaymentExport>("Your role cannot export payments.");
        }

        var by = access.AsActor();
        var now = clock.GetUtcNow();
        var export = PaymentExport.Issue(merchant.MerchantId, Guid.CreateVersion7(now), by.UserId, by.DisplayName, JsonSerializer.Serialize(filter), sort, now);
        await using var scope = scopes.CreateForMerchant(merchant.MerchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        db.PaymentExports.Add(export);
        await db.SaveChangesAsync(cancellationToken);
        await trail.AppendAsync(db, new AuditRecord(merchant.MerchantId, AuditAction.PaymentsExported, AuditOutcome.Success, by.Actor, TargetType,
            export.Id.ToString(), null, new
            {
                format = "csv",
                sort = sort.ToString(),
                filter = PaymentFilterDescription.Of(filter),
                // Decided again when the download starts; recorded here as what the requester's role allowed when asking.
                customer_emails = access.Has(Permission.CustomerDataView) ? "shown" : "masked",
            }, by.Origin), cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return CommandResult.Returning(export);
    }

    /// <summary>The export as it stands now, or null when the merchant has no such export.</summary>
    public async Task<PaymentExport?> FindAsync(Guid merchantId, Guid exportId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateForMerchant(merchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.PaymentExports.AsNoTracking().SingleOrDefaultAsync(e => e.Id == exportId, cancellationToken);
    }
}
