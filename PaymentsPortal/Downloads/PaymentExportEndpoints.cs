using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Payments.Export;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Downloads;

public static class PaymentExportEndpoints
{
    public static void MapPaymentExportEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/payments/export/{ticket}", async (
            string ticket, HttpContext context, DownloadTickets tickets, CurrentAccess current, AccessResolver resolver, PaymentCsvExport csv,
            TimeProvider clock) =>
        {
            if (tickets.Redeem<PaymentExportTicket>(ticket) is not { } request)
            {
                return Results.Problem("This export link has expired or is not valid. Start the export again from the payments list.",
                    statusCode: StatusCodes.Status400BadRequest);
            }

            // Checked again at download time: a role removed after the ticket was issued must stop the export, and
            // whether emails are shown follows the role held now.
            var access = await current.GetAsync(context.User);
            var inMerchant = access.UserId == request.UserId ? await resolver.ResolveAsync(request.UserId, request.MerchantId) : null;
            if (inMerchant?.Current?.MerchantId != request.MerchantId || !inMerchant.Has(Permission.PaymentsExport))
            {
                return Results.Forbid();
            }

            var showEmails = inMerchant.Has(Permission.CustomerDataView);
            if (await csv.ClaimAsync(request.MerchantId, request.ExportId, request.UserId, showEmails) is not { } export)
            {
                return Results.Problem("This export was downloaded already; each export is downloaded once. Start a new export from the payments list.",
                    statusCode: StatusCodes.Status409Conflict);
            }

            context.Response.ContentType = "text/csv; charset=utf-8";
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"payments-{clock.GetUtcNow().UtcDateTime:yyyyMMdd'T'HHmmss'Z'}.csv\"";
            context.Response.Headers.CacheControl = "no-store";
            await csv.WriteAsync(export, context.Response.Body, context.RequestAborted);
            return Results.Empty;
        }).RequireAuthorization();
}
