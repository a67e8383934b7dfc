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
        var id = principal.Identity?.IsAuthenticated == true ? principal.FindFirstValue(ClaimTypes.NameIdentifier) : null;
        if (resolved is not null && resolvedFor == id)
        {
            return resolved;
        }

        resolved = Guid.TryParse(id, out var userId)
            ? await resolver.ResolveAsync(userId, PreferredMerchantId, cancellationToken)
            : UserAccess.Anonymous;
        if (resolved.UserId is not null)
        {
            resolved.Origin = Origin;
        }

        resolvedFor = id;
        tenantScope.Enter(resolved.Current?.MerchantId);
        return resolved;
    }
}
