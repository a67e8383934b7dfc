using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Audit.Search;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Downloads;
using PaymentsPortal.Hosting;

namespace PaymentsPortal.AuditExports;

public static class AuditExportEndpoints
{
    public static void MapAuditExportEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/audit/export/{ticket}", async (
            string ticket, HttpContext context, DownloadTickets tickets, CurrentAccess current, AccessResolver resolver,
            AuditExporter exporter, TimeProvider clock) =>
        {
            if (tickets.Redeem<AuditExportRequest>(ticket) is not { } request)
            {
                return Results.Problem("This export link has expired or is not valid. Start the export again from the audit trail.",
                    statusCode: StatusCodes.Status400BadRequest);
            }

            var access = await current.GetAsync(context.User);
            if (access.UserId != request.UserId || !await MayExportAsync(access, request.Chain, resolver))
            {
                return Results.Forbid();
            }

            context.Response.ContentType = request.Format == AuditExportFormat.Csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8";
            context.Response.Headers.ContentDisposition =
                $"attachment; filename=\"{AuditExporter.FileName(request.Chain, request.Format, clock.GetUtcNow())}\"";
            context.Response.Headers.CacheControl = "no-store";
            var by = new ActingUser(request.UserId, access.DisplayName, RequestOrigin.Of(context));
            await exporter.ExportAsync(request.Chain, request.Filter, request.Format, context.Response.Body, by, context.RequestAborted);
            return Results.Empty;
        }).RequireAuthorization();

    // Checked again at download time: a role removed after the ticket was issued must stop the export.
    private static async Task<bool> MayExportAsync(UserAccess access, Guid chain, AccessResolver resolver)
    {
        if (chain == AuditEntry.PlatformChain)
        {
            return access.Has(Permission.PlatformAuditView);
        }

        var inChain = await resolver.ResolveAsync(access.UserId!.Value, chain);
        return inChain.Current?.MerchantId == chain && inChain.Has(Permission.AuditExport);
    }
}
