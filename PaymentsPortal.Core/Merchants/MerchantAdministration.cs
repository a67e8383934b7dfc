using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Common;
using PaymentsPortal.Core.Identity;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Merchants;

/// <summary>Platform-level onboarding: create merchants with their first admin, rename, suspend, reactivate.</summary>
public sealed class MerchantAdministration(IServiceScopeFactory scopes, IAuditTrail trail, TimeProvider clock)
{
    public async Task<IReadOnlyList<MerchantRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateForPlatform();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        // Counting members across tenants is the platform's view; it reads no merchant's other data.
        return await db.Merchants.AsNoTracking()
            .OrderBy(m => m.Name)
            .Select(m => new MerchantRow(m.Id, m.Name, m.Status,
                db.Memberships.IgnoreQueryFilters().Count(x => x.MerchantId == m.Id && !x.IsDisabled), m.CreatedAt))
            .ToListAsync(cancellationToken);
    }

    public async Task<CommandResult<CreatedMerchant>> CreateAsync(ActingUser by, string name, string adminEmail, string adminName)
    {
        name = name.Trim();
        if (MerchantName.Validate(name) is { } invalid)
        {
            return CommandResult.Failure<CreatedMerchant>(invalid);
        }

        var merchantId = Guid.CreateVersion7();
        await using var scope = scopes.CreateForMerchant(merchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        await using var tx = await db.Database.BeginTransactionAsync();
        if (await NameTakenAsync(db, name, null))
        {
            return CommandResult.Failure<CreatedMerchant>($"A merchant named \"{name}\" already exists.");
        }

        var provisioned = await UserProvisioning.FindOrCreateAsync(users, adminEmail, adminName, clock);
        if (!provisioned.Succeeded)
        {
            return CommandResult.Failure<CreatedMerchant>(provisioned.Error!);
        }

        var now = clock.GetUtcNow();
        db.Merchants.Add(Merchant.Create(merchantId, name, now));
        var membershipId = Guid.CreateVersion7();
        db.Memberships.Add(new MerchantMembership
        {
            MerchantId = merchantId,
            Id = membershipId,
            UserId = provisioned.Value!.User.Id,
            Role = MerchantRole.Admin,
            CreatedAt = now,
            UpdatedAt = now,
        });
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            return CommandResult.Failure<CreatedMerchant>($"A merchant named \"{name}\" already exists.");
        }

        // The new merchant's chain starts with its own creation and its first admin.
        var admin = provisioned.Value.User;
        await trail.AppendAsync(db, new AuditRecord(merchantId, AuditAction.MerchantCreated, AuditOutcome.Success, by.Actor,
            "merchant", merchantId.ToString(), null, new { name }, by.Origin));
        await trail.AppendAsync(db, new AuditRecord(merchantId, AuditAction.MemberAdded, AuditOutcome.Success, by.Actor,
            "membership", membershipId.ToString(), null,
            new { user_id = admin.Id, email = admin.Email, role = nameof(MerchantRole.Admin), new_account = provisioned.Value.OneTimePassword is not null },
            by.Origin));
        await users.UpdateSecurityStampAsync(provisioned.Value.User);
        await tx.CommitAsync();
        return CommandResult.Returning(new CreatedMerchant(merchantId, provisioned.Value.User.Email!, provisioned.Value.OneTimePassword));
    }

    public async Task<CommandResult> RenameAsync(ActingUser by, Guid merchantId, string name)
    {
        name = name.Trim();
        if (MerchantName.Validate(name) is { } invalid)
        {
            return CommandResult.Fail(invalid);
        }

        await using var scope = scopes.CreateForPlatform();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync();
        var merchant = await db.Merchants.SingleOrDefaultAsync(m => m.Id == merchantId);
        if (merchant is null)
        {
            return CommandResult.Fail("That merchant was not found.");
        }

        var previousName = merchant.Name;
        if (await NameTakenAsync(db, name, merchantId))
        {
            return CommandResult.Fail($"A merchant named \"{name}\" already exists.");
        }

        merchant.Rename(name);
        merchant.UpdatedAt = clock.GetUtcNow();
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            return CommandResult.Fail($"A merchant named \"{name}\" already exists.");
        }

        await trail.AppendAsync(db, new AuditRecord(merchantId, AuditAction.MerchantRenamed, AuditOutcome.Success, by.Actor,
            "merchant", merchantId.ToString(), null, new { from = previousName, to = name }, by.Origin));
        await tx.CommitAsync();
        return CommandResult.Ok;
    }

    public async Task<CommandResult> SetStatusAsync(ActingUser by, Guid merchantId, MerchantStatus status)
    {
        await using var scope = scopes.CreateForMerchant(merchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        await using var tx = await db.Database.BeginTransactionAsync();
        var merchant = await db.Merchants.SingleOrDefaultAsync(m => m.Id == merchantId);
        if (merchant is null)
        {
            return CommandResult.Fail("That merchant was not found.");
        }

        if (merchant.Status == status)
        {
            return CommandResult.Ok;
        }

        merchant.Status = status;
        merchant.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync();
        await trail.AppendAsync(db, new AuditRecord(merchantId,
            status == MerchantStatus.Suspended ? AuditAction.MerchantSuspended : AuditAction.MerchantReactivated,
            AuditOutcome.Success, by.Actor, "merchant", merchantId.ToString(), null, new { status = status.ToString() }, by.Origin));

        // Members with the merchant open lose (or regain) it at their sessions' next revalidation.
        var memberIds = await db.Memberships.Select(m => m.UserId).ToListAsync();
        foreach (var user in await users.Users.Where(u => memberIds.Contains(u.Id)).ToListAsync())
        {
            await users.UpdateSecurityStampAsync(user);
        }

        await tx.CommitAsync();
        return CommandResult.Ok;
    }

    private static Task<bool> NameTakenAsync(PortalDbContext db, string name, Guid? except)
    {
        var normalized = Merchant.Normalize(name);
        return db.Merchants.AnyAsync(m => m.NormalizedName == normalized && m.Id != except);
    }
}
