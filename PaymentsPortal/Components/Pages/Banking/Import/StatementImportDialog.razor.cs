using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using PaymentsPortal.Core.Banking.Accounts;
using PaymentsPortal.Core.Banking.Imports;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Components.Pages.Banking.Import;

/// <summary>
/// The statement import dialog for one account. The uploaded bytes stay in this dialog (at most the importer's size limit) between
/// the preview and the import, because a browser file can be read only while its input lives; they go when the dialog closes.
/// </summary>
public sealed partial class StatementImportDialog
{
    private byte[]? content;
    private string fileName = "";
    private StatementImportPreview? preview;
    private CsvMappingForm? mapping;
    private StatementImportResult? result;
    private string? uploadError;
    private bool busy;
    private bool importing;
    private bool imported;

    [Inject]
    private StatementImporter Importer { get; set; } = default!;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Parameter, EditorRequired]
    public Guid AccountId { get; set; }

    /// <summary>"Operating ••4321", as <see cref="BankAccountRow.DisplayName"/> gives it.</summary>
    [Parameter, EditorRequired]
    public string DisplayName { get; set; } = "";

    [Parameter, EditorRequired]
    public string CurrencyCode { get; set; } = "";

    [Parameter, EditorRequired]
    public UserAccess Access { get; set; } = default!;

    private bool CanImport => !busy && content is not null && preview is { Succeeded: true } && result is not { Succeeded: true };

    /// <summary>
    /// Shows the dialog for <paramref name="account"/>; true when at least one import was recorded (even one that added nothing, since the
    /// account's last import changed), so the page knows to reload its accounts.
    /// </summary>
    public static async Task<bool> ShowAsync(IDialogService dialogs, BankAccountRow account, UserAccess access)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        ArgumentNullException.ThrowIfNull(account);
        var parameters = new DialogParameters<StatementImportDialog>
        {
            { d => d.AccountId, account.Account.Id },
            { d => d.DisplayName, account.DisplayName },
            { d => d.CurrencyCode, account.Account.CurrencyCode },
            { d => d.Access, access },
        };
        var options = new DialogOptions { MaxWidth = MaxWidth.Large, FullWidth = true, BackdropClick = false, CloseOnEscapeKey = false };
        var dialog = await dialogs.ShowAsync<StatementImportDialog>("Import a statement", parameters, options);
        var closed = await dialog.Result;
        return closed is { Canceled: false, Data: true };
    }

    private async Task UploadAsync(IBrowserFile? file)
    {
        if (file is null || busy)
        {
            return;
        }

        (content, preview, mapping, result, uploadError, fileName) = (null, null, null, null, null, file.Name);

        // The browser says the size before sending a byte: a file over the limit is refused without reading it.
        if (file.Size > Importer.Limits.MaxFileBytes)
        {
            uploadError = Importer.FileTooLargeMessage;
            return;
        }

        busy = true;
        try
        {
            await using var stream = file.OpenReadStream(Importer.Limits.MaxFileBytes);
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer);
            content = buffer.ToArray();
            preview = await Importer.PreviewAsync(Access, AccountId, file.Name, new MemoryStream(content, writable: false));
            mapping = preview.Csv is { Mapping: { } proposed } csv ? new CsvMappingForm(proposed, csv.Headers.Count) : null;
        }
        catch (IOException)
        {
            // The browser stopped sending (closed tab, lost connection) or the file grew past the limit while being read.
            content = null;
            uploadError = "The file could not be read from your browser. Choose it again.";
        }
        finally
        {
            busy = false;
        }
    }

    private async Task ImportAsync()
    {
        if (!CanImport)
        {
            return;
        }

        busy = importing = true;
        result = null;
        try
        {
            result = await Importer.ImportAsync(Access, AccountId, fileName, new MemoryStream(content!, writable: false), mapping?.ToMapping());
            imported |= result.Succeeded;
        }
        finally
        {
            busy = importing = false;
        }
    }

    private void Close()
    {
        if (imported)
        {
            Dialog.Close(DialogResult.Ok(true));
        }
        else
        {
            Dialog.Cancel();
        }
    }

    /// <summary>"10 MB", "1.5 MB", "512 KB", "900 bytes".</summary>
    private static string Size(long bytes) => bytes switch
    {
        >= 1024 * 1024 => (bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MB",
        >= 1024 => (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " bytes",
    };
}
