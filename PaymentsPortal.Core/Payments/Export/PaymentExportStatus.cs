namespace PaymentsPortal.Core.Payments.Export;

/// <summary>Where an export is: its ticket is issued, the browser downloads it once, and it ends completed or not.</summary>
public enum PaymentExportStatus
{
    /// <summary>Requested and audited; the browser has a ticket but has not started the download.</summary>
    Issued = 0,

    /// <summary>The download is being written; <see cref="PaymentExport.RowsWritten"/> grows.</summary>
    Streaming = 1,

    Completed = 2,

    /// <summary>The database or the server failed while writing: the file the browser holds is incomplete.</summary>
    Failed = 3,

    /// <summary>The browser went away (closed, cancelled the download) before the last row.</summary>
    Abandoned = 4,
}
