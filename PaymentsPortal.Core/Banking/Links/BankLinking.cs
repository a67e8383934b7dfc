using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Banking.Plaid;
using PaymentsPortal.Core.Common;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Banking.Links;

/// <summary>
/// An Admin (<see cref="Permission.BankingManage"/>) links a bank through Plaid Link, reconnects one that needs it (Link's update
/// mode), and unlinks one. The browser only ever holds the short-lived link token and public token; the access token is exchanged,
/// encrypted and used on the server. Every step is audited.
/// </summary>
public sealed class BankLinking(
    IServiceScopeFactory scopes, PlaidClient plaid, BankTokenProtector tokens, BankLinkHealth health, IAuditTrail trail,
    IOptions<PlaidOptions> plaidOptions, TimeProvider clock)
{
    /// <summary>Where Plaid's webhooks for a merchant's links go (the app's own endpoint).</summary>
    public static string WebhookPath(Guid merchantId) => $"webhooks/plaid/{merchantId:D}";

    /// <summary>Where Link returns after an OAuth bank's own sign-in; the page resumes Link there.</summary>
    public const string OAuthReturnPath = "banking/oauth-return";

    /// <summary>Whether Plaid is set up on this portal; without it, linking is unavailable and the page says so.</summary>
    public bool IsAvailable => plaidOptions.Value.IsConfigured;

    /// <summary>A link token for Plaid Link: a new link, or update mode for <paramref name="repairLinkId"/>.</summary>
    public async Task<CommandResult<string>> CreateLinkTokenAsync(UserAccess access, Uri appBase, Guid? repairLinkId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(appBase);
        if (access.Current is not { } merchant || !access.Has(Permission.BankingManage))
        {
            return CommandResult.Failure<string>("Your role cannot link bank accounts.");
        }

        PlaidAccessToken? repairToken = null;
        if (repairLinkId is { } linkId)
        {
            await using var scope = scopes.CreateForMerchant(merchant.MerchantId);
            var link = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().BankLinks.AsNoTracking().SingleOrDefaultAsync(l => l.Id == linkId, cancellationToken);
            if (link?.ProtectedAccessToken is not { } stored)
            {
                return CommandResult.Failure<string>("That bank link no longer exists.");
            }

            repairToken = new PlaidAccessToken(tokens.Unprotect(stored));
        }

        // Plaid accepts an http redirect only from its sandbox; a real deployment is https, and the address must be registered with Plaid.
        var redirect = appBase.Scheme == Uri.UriSchemeHttps || plaidOptions.Value.Environment == PlaidEnvironment.Simulator
            ? new Uri(appBase, OAuthReturnPath).AbsoluteUri
            : null;
        var request = new PlaidLinkTokenRequest(
            "PaymentsPortal", "en", ["US", "CA", "GB"], new PlaidLinkUser(access.AsActor().UserId.ToString("N")),
            repairToken is null ? [PlaidProducts.Auth, PlaidProducts.Transactions] : null,
            new Uri(appBase, WebhookPath(merchant.MerchantId)).AbsoluteUri, redirect, repairToken,
            repairToken is null ? new PlaidAccountFilters(new PlaidDepositoryFilter(["checking", "savings"])) : null);
        var created = await plaid.CreateLinkTokenAsync(request, cancellationToken);
        return created.Succeeded ? CommandResult.Returning(created.Value!.LinkToken) : CommandResult.Failure<string>(created.Failure!.Message);
    }

    /// <summary>Finishes a new link: exchanges Link's public token, stores the encrypted access token and the accounts.</summary>
    public async Task<CommandResult<BankLink>> CompleteLinkAsync(
        UserAccess access, string publicToken, string? institutionName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        if (access.Current is not { } merchant || !access.Has(Permission.BankingManage))
        {
            return CommandResult.Failure<BankLink>("Your role cannot link bank accounts.");
        }

        if (string.IsNullOrWhiteSpace(publicToken))
        {
            return CommandResult.Failure<BankLink>("Plaid Link gave no public token; start linking again.");
        }

        var exchanged = await plaid.ExchangePublicTokenAsync(new PlaidPublicToken(publicToken), cancellationToken);
        if (!exchanged.Succeeded)
        {
            return CommandResult.Failure<BankLink>(exchanged.Failure!.Message);
        }

        var accessToken = exchanged.Value!.AccessToken;
        var accounts = await plaid.GetAccountsAsync(accessToken, null, cancellationToken);
        var by = access.AsActor();
        var now = clock.GetUtcNow();
        await using var scope = scopes.CreateForMerchant(merchant.MerchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var link = await db.BankLinks.IgnoreQueryFilters().SingleOrDefaultAsync(l => l.PlaidItemId == exchanged.Value.ItemId, cancellationToken);
        if (link is not null)
        {
            return link.MerchantId == merchant.MerchantId ? CommandResult.Returning(link) : CommandResult.Failure<BankLink>("That bank login is linked elsewhere.");
        }

        var item = accounts.Value?.Item;
        link = new BankLink
        {
            MerchantId = merchant.MerchantId, Id = Guid.CreateVersion7(now), PlaidItemId = exchanged.Value.ItemId, InstitutionId = item?.InstitutionId,
            InstitutionName = Name(institutionName, item?.InstitutionId), ProtectedAccessToken = tokens.Protect(accessToken.Reveal()),
            Status = BankLinkStatus.Active, ConsentExpiresAt = item?.ConsentExpirationTime, CreatedByUserId = by.UserId, CreatedAt = now, UpdatedAt = now,
        };
        db.BankLinks.Add(link);
        var listed = accounts.Value?.Accounts ?? [];
        var stored = await PlaidAccountsWriter.ApplyAsync(db, link, listed, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await trail.AppendAsync(db, new AuditRecord(
            merchant.MerchantId, AuditAction.BankLinked, AuditOutcome.Success, by.Actor, BankLinkHealth.AuditTargetType, link.Id.ToString(),
            $"Linked {link.InstitutionName} with {stored.Count} account(s)",
            new { institution = link.InstitutionName, institution_id = link.InstitutionId, accounts = stored.Select(a => new { a.Name, a.Mask, a.Subtype }) },
            by.Origin), cancellationToken);
        if (!accounts.Succeeded && BankLinkHealth.AttentionMessage(accounts.Failure!) is { } message)
        {
            await health.NeedsAttentionAsync(db, link, accounts.Failure!.ErrorCode ?? accounts.Failure.Kind.ToString(), message, by.Actor, cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        return CommandResult.Returning(link);
    }

    /// <summary>After Link's update mode: asks Plaid whether the link reads again, and marks it so.</summary>
    public async Task<CommandResult> CompleteRepairAsync(UserAccess access, Guid linkId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        if (access.Current is not { } merchant || !access.Has(Permission.BankingManage))
        {
            return CommandResult.Fail("Your role cannot reconnect bank accounts.");
        }

        var by = access.AsActor();
        await using var scope = scopes.CreateForMerchant(merchant.MerchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var link = await BankLinkRows.LockAsync(db, merchant.MerchantId, linkId, cancellationToken);
        if (link?.ProtectedAccessToken is not { } stored)
        {
            return CommandResult.Fail("That bank link no longer exists.");
        }

        var item = await plaid.GetItemAsync(new PlaidAccessToken(tokens.Unprotect(stored)), cancellationToken);
        if (!item.Succeeded)
        {
            return CommandResult.Fail(item.Failure!.Message);
        }

        if (item.Value!.Item.Error is { } error && PlaidErrorClassifier.Classify(error) is var failure && BankLinkHealth.AttentionMessage(failure) is { } message)
        {
            return CommandResult.Fail($"The bank still needs attention: {message}");
        }

        link.ConsentExpiresAt = item.Value.Item.ConsentExpirationTime;
        await health.RepairedAsync(db, link, by.Actor, by.Origin, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return CommandResult.Ok;
    }

    private static string Name(string? fromLink, string? institutionId)
    {
        var name = fromLink?.Trim();
        return string.IsNullOrEmpty(name) ? institutionId ?? "Bank" : name.Length <= BankLink.InstitutionMaxLength ? name : name[..BankLink.InstitutionMaxLength];
    }
}
