namespace PaymentsPortal.Components.Shared;

/// <summary>
/// A list read newest first, a page at a time, with "show older": the rows read so far and where the next page starts. The
/// page function reads from a cursor (null for the first page); a list page keeps one of these and renders <see cref="Rows"/>.
/// </summary>
public sealed class OlderPages<TRow, TCursor>(Func<TCursor?, Task<(IReadOnlyList<TRow> Rows, TCursor? Next)>> readPage)
    where TCursor : struct
{
    private readonly List<TRow> rows = [];
    private TCursor? next;

    public IReadOnlyList<TRow> Rows => rows;

    public bool HasOlder => next is not null;

    /// <summary>True while a page is being read, and before the first one was: an empty list is not "nothing found" yet.</summary>
    public bool Loading { get; private set; } = true;

    /// <summary>Reads the first page again, replacing what was shown (a new filter, or after a change).</summary>
    public async Task ReloadAsync()
    {
        Loading = true;
        try
        {
            var (page, after) = await readPage(null);
            rows.Clear();
            rows.AddRange(page);
            next = after;
        }
        finally
        {
            Loading = false;
        }
    }

    /// <summary>Appends the next page; nothing while a read is running or when the last page is shown.</summary>
    public async Task OlderAsync()
    {
        if (Loading || next is not { } after)
        {
            return;
        }

        Loading = true;
        try
        {
            var (page, following) = await readPage(after);
            rows.AddRange(page);
            next = following;
        }
        finally
        {
            Loading = false;
        }
    }

    /// <summary>Forgets what was shown, for a page that has nothing to list (an unknown account, a filter with a problem).</summary>
    public void Clear()
    {
        rows.Clear();
        next = null;
        Loading = false;
    }
}
