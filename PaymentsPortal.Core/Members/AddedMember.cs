namespace PaymentsPortal.Core.Members;

/// <summary>A member just added; <see cref="OneTimePassword"/> is set when a new account was created for them.</summary>
public sealed record AddedMember(Guid MembershipId, string Email, string? OneTimePassword);
