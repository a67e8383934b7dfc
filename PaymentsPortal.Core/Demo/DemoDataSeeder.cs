using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PaymentsPortal.Core.Identity;
using PaymentsPortal.Core.Payments.Refunds;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Demo;

/// <summary>Seeds the demo data once; later starts touch nothing, so changes made in the demo survive restarts.</summary>
public sealed class DemoDataSeeder(IServiceScopeFactory scopes, TimeProvider clock, ILogger<DemoDataSeeder> logger)
{
    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateForPlatform();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        // Serialises seeding between instances starting together; released at commit.
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(7301001)", cancellationToken);
        // The demo platform account marks a seeded database: renaming or suspending the demo
        // merchants later must not make the next start seed them again.
        if (await users.FindByEmailAsync(DemoData.PlatformAdminEmail) is not null)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var merchants = new Dictionary<string, Guid>();
        foreach (var name in DemoData.Accounts.Select(a => a.Merchant).OfType<string>().Distinct())
        {
            var merchant = Merchant.Create(Guid.CreateVersion7(), name, now);
            db.Merchants.Add(merchant);
            merchants[name] = merchant.Id;
            foreach (var threshold in DemoData.RefundApprovalThresholds)
            {
                db.RefundApprovalThresholds.Add(new RefundApprovalThreshold
                {
                    MerchantId = merchant.Id, CurrencyCode = threshold.Currency.Code, ThresholdMinor = threshold.MinorUnits, UpdatedAt = now,
                });
            }
        }

        foreach (var account in DemoData.Accounts)
        {
            var user = await users.FindByEmailAsync(account.Email);
            if (user is null)
            {
                user = new PortalUser
                {
                    UserName = account.Email,
                    Email = account.Email,
                    EmailConfirmed = true,
                    DisplayName = account.DisplayName,
                    IsPlatformAdmin = account.Role is null,
                    CreatedAt = now,
                };
                var created = await users.CreateAsync(user, DemoData.Password);
                if (!created.Succeeded)
                {
                    throw new InvalidOperationException($"Seeding {account.Email} failed: {string.Join(" ", created.Errors.Select(e => e.Description))}");
                }
            }

            if (account is { Merchant: { } merchantName, Role: { } role })
            {
                db.Memberships.Add(new MerchantMembership
                {
                    MerchantId = merchants[merchantName],
                    Id = Guid.CreateVersion7(),
                    UserId = user.Id,
                    Role = role,
                    CreatedAt = now,
                    UpdatedAt = now,
                });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        logger.LogInformation("Seeded the Sandbox demo data: {Merchants} merchants, {Accounts} accounts.", merchants.Count, DemoData.Accounts.Count);
    }
}
