using System.Security.Claims;
using PaymentsPortal.Core.Audit;

namespace PaymentsPortal.Core.Tenancy;

/// <summary>
/// The access of the user behind this request or Blazor circuit, resolved once per scope. Resolving
/// it sets the scope's <see cref="TenantScope"/>: until then, tenant-owned queries return nothing.
/// </summary>
public sealed class CurrentAccess(AccessResolver resolver, TenantScope tenantScope)
{
    private UserAccess? resolved;
    private string? resolvedFor;

    /// <summary>The merchant the user chose (from the merchant cookie); honoured only if they are a member.</summary>
    public Guid? PreferredMerchantId { get; set; }

    /// <summary>Where the request or circuit came from, captured from the first HTTP request (circuits have no HttpContext).</summary>
    public AuditOrigin Origin
    {
        get;
        set
        {
            field = value;
            // Authorization may have resolved the access before the origin was known.
            if (resolved?.UserId is not null)
            {
                resolved.Origin = value;
            }
        }
    } = AuditOrigin.None;

    public UserAccess? Resolved => resolved;

    public async Task<UserAccess> GetAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        var id = UserIdOf(principal);
        if (resolved is not null && resolvedFor == id)
        {
            return resolved;
        }

        return Adopt(id, await ResolveAsync(id, PreferredMerchantId, cancellationToken));
    }

    /// <summary>
    /// Reads the access again, for a long-lived circuit whose grants may have started or ended. The circuit
    /// stays with the merchant it opened: if that is no longer open to the user, no merchant is current
    /// (a full reload picks another one, in a fresh scope).
    /// </summary>
    public async Task<UserAccess> RefreshAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        var id = UserIdOf(principal);
        var opened = resolved?.Current?.MerchantId ?? tenantScope.MerchantId;
        var fresh = await ResolveAsync(id, opened ?? PreferredMerchantId, cancellationToken);
        if (opened is not null && fresh.Current is { } current && current.MerchantId != opened)
        {
            fresh = new UserAccess(fresh.UserId, fresh.DisplayName, fresh.IsPlatformAdmin, fresh.MustEnrollTwoFactor,
                fresh.MustChangePassword, fresh.Memberships, null);
        }

        return Adopt(id, fresh);
    }

    private static string? UserIdOf(ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true ? principal.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    private async Task<UserAccess> ResolveAsync(string? id, Guid? preferredMerchantId, CancellationToken cancellationToken) =>
        Guid.TryParse(id, out var userId)
            ? await resolver.ResolveAsync(userId, preferredMerchantId, cancellationToken)
            : UserAccess.Anonymous;

    private UserAccess Adopt(string? id, UserAccess access)
    {
        if (access.UserId is not null)
        {
            access.Origin = Origin;
        }

        resolved = access;
        resolvedFor = id;
        tenantScope.Enter(access.Current?.MerchantId);
        return access;
    }
}
