using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Common;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Payments.Refunds;

/// <summary>The merchant's refund approval thresholds, one per currency; every change is audited.</summary>
public sealed class RefundThresholds(IServiceScopeFactory scopes, IAuditTrail trail, TimeProvider clock)
{
    public async Task<IReadOnlyList<Money>> ListAsync(Guid merchantId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateForMerchant(merchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var rows = await db.RefundApprovalThresholds.AsNoTracking().OrderBy(t => t.CurrencyCode).ToListAsync(cancellationToken);
        return [.. rows.Select(t => t.Threshold)];
    }

    /// <summary>Sets the threshold for the amount's currency; zero means every refund in it needs approval.</summary>
    public async Task<CommandResult> SetAsync(UserAccess access, Money threshold, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        if (access.Current is not { } merchant || !access.Has(Permission.RefundSettingsManage))
        {
            return CommandResult.Fail("Your role cannot change refund settings.");
        }

        if (threshold.MinorUnits < 0)
        {
            return CommandResult.Fail("A threshold cannot be negative.");
        }

        var by = access.AsActor();
        await using var scope = scopes.CreateForMerchant(merchant.MerchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var row = await db.RefundApprovalThresholds.SingleOrDefaultAsync(t => t.CurrencyCode == threshold.Currency.Code, cancellationToken);
        var before = row?.Threshold;
        if (row is null)
        {
            row = new RefundApprovalThreshold { MerchantId = merchant.MerchantId, CurrencyCode = threshold.Currency.Code };
            db.RefundApprovalThresholds.Add(row);
        }

        row.ThresholdMinor = threshold.MinorUnits;
        row.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await trail.AppendAsync(db, new AuditRecord(merchant.MerchantId, AuditAction.RefundApprovalThresholdChanged, AuditOutcome.Success, by.Actor,
            "refund_threshold", threshold.Currency.Code, null,
            new { currency = threshold.Currency.Code, before_minor = before?.MinorUnits, after_minor = threshold.MinorUnits }, by.Origin), cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return CommandResult.Ok;
    }
}
