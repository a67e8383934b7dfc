using Microsoft.Extensions.Logging;

namespace PaymentsPortal.Core.Access.Grants;

/// <summary>
/// Tells open circuits of this instance that a grant changed, so the member's session and the admins'
/// pages update at once. Only a shortcut: sessions on other instances pick the change up at their next
/// periodic re-check, which is what the one-minute promise rests on.
/// </summary>
public sealed class AccessGrantEvents(ILogger<AccessGrantEvents> logger)
{
    public event Action<AccessGrantChange>? Changed;

    internal void Publish(AccessGrantChange change)
    {
        foreach (var handler in Changed?.GetInvocationList().Cast<Action<AccessGrantChange>>() ?? [])
        {
            try
            {
                handler(change);
            }
#pragma warning disable CA1031 // One broken subscriber (a circuit going away) must not keep the others from hearing.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                logger.LogWarning(exception, "A subscriber to access grant changes failed.");
            }
        }
    }
}

/// <summary>A grant of <see cref="UserId"/> in <see cref="MerchantId"/> moved to <see cref="Status"/>.</summary>
public sealed record AccessGrantChange(Guid MerchantId, Guid UserId, Guid GrantId, AccessGrantStatus Status);
