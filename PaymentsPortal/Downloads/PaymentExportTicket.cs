namespace PaymentsPortal.Downloads;

/// <summary>What a payments export ticket carries: which issued export, of which merchant, for which user.</summary>
public sealed record PaymentExportTicket(Guid UserId, Guid MerchantId, Guid ExportId);
