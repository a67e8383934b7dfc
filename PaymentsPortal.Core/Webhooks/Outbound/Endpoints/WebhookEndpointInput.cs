namespace PaymentsPortal.Core.Webhooks.Outbound.Endpoints;

/// <summary>What an Admin enters for an endpoint. No event types means every type, including those added later.</summary>
public sealed record WebhookEndpointInput(string? Url, string? Description, IReadOnlyCollection<string> EventTypes);

/// <summary>A secret shown once, right after it was made; the portal keeps it encrypted and never shows it again.</summary>
public sealed record RevealedSecret(Guid EndpointId, string Secret);
