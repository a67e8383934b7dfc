namespace PaymentsPortal.Core.Access;

/// <summary>A permission with its stable name (used as the policy name) and a description for people.</summary>
public sealed record PermissionInfo(Permission Permission, PermissionScope Scope, string Name, string Description);
