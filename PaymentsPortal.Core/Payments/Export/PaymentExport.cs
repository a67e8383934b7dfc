using PaymentsPortal.Core.Payments.Search;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Payments.Export;

/// <summary>
/// One CSV export of a merchant's payments: who asked, for which filter and order, and how far the download got. The row
/// is what the progress bar reads (the download itself runs in another request, perhaps on another app instance) and what
/// tells a compliance officer later which exports were complete.
/// </summary>
public sealed class PaymentExport : ITenantOwned
{
    public Guid MerchantId { get; init; }

    public Guid Id { get; init; }

    public Guid RequestedBy { get; init; }

    public string RequestedByName { get; init; } = "";

    public DateTimeOffset RequestedAt { get; init; }

    /// <summary>The <see cref="PaymentFilter"/> as JSON: the download reads it from here, not from the browser.</summary>
    public string FilterJson { get; init; } = "{}";

    public PaymentSort Sort { get; init; }

    public PaymentExportStatus Status { get; private set; }

    /// <summary>How many payments matched when the download started; counted in the snapshot the rows are read from.</summary>
    public long? ExpectedRows { get; private set; }

    public long RowsWritten { get; private set; }

    /// <summary>True when customer emails were masked because the downloader lacked customers.view.</summary>
    public bool EmailsMasked { get; private set; }

    public DateTimeOffset? StartedAt { get; private set; }

    public DateTimeOffset? FinishedAt { get; private set; }

    public string? Failure { get; private set; }

    public bool IsFinished => Status is PaymentExportStatus.Completed or PaymentExportStatus.Failed or PaymentExportStatus.Abandoned;

    public static PaymentExport Issue(Guid merchantId, Guid id, Guid requestedBy, string requestedByName, string filterJson, PaymentSort sort, DateTimeOffset at) =>
        new()
        {
            MerchantId = merchantId, Id = id, RequestedBy = requestedBy, RequestedByName = requestedByName, RequestedAt = at,
            FilterJson = filterJson, Sort = sort, Status = PaymentExportStatus.Issued,
        };
}
