using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Banking.Transactions.Browsing;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Hosting;

namespace PaymentsPortal.Downloads;

public static class BankTransactionExportEndpoints
{
    public static void MapBankTransactionExportEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/banking/accounts/export/{ticket}", async (
            string ticket, HttpContext context, DownloadTickets tickets, CurrentAccess current, AccessResolver resolver, BankTransactionQueries queries,
            BankTransactionCsvExport csv, TimeProvider clock) =>
        {
            if (tickets.Redeem<BankTransactionExportTicket>(ticket) is not { } request)
            {
                return Results.Problem("This export link has expired or is not valid. Export again from the account's page.",
                    statusCode: StatusCodes.Status400BadRequest);
            }

            if (request.Filter.Problem is { } problem)
            {
                return Results.Problem(problem, statusCode: StatusCodes.Status400BadRequest);
            }

            // Checked again at download time: a role removed after the ticket was issued must stop the export.
            var access = await current.GetAsync(context.User);
            var inMerchant = access.UserId == request.UserId ? await resolver.ResolveAsync(request.UserId, request.MerchantId) : null;
            if (inMerchant?.Current?.MerchantId != request.MerchantId || !inMerchant.Has(Permission.BankingView)
                || await queries.AccountAsync(inMerchant, request.AccountId) is not { } account)
            {
                return Results.Forbid();
            }

            context.Response.ContentType = "text/csv; charset=utf-8";
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"{BankTransactionCsvExport.FileName(account, clock.GetUtcNow())}\"";
            context.Response.Headers.CacheControl = "no-store";
            var by = new ActingUser(request.UserId, inMerchant.DisplayName, RequestOrigin.Of(context));
            await csv.ExportAsync(inMerchant, request.AccountId, request.Filter, context.Response.Body, by, context.RequestAborted);
            return Results.Empty;
        }).RequireAuthorization();
}
