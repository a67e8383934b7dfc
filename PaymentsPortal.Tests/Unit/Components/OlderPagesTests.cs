using PaymentsPortal.Components.Shared;

namespace PaymentsPortal.Tests.Unit.Components;

/// <summary>The "show older" list the list pages share: pages append in order, the last page ends it, a reload starts over.</summary>
[Trait("Tier", "Unit")]
public sealed class OlderPagesTests
{
    // Ten rows, newest (9) first, three to a page; the cursor is the last row shown.
    private static Task<(IReadOnlyList<int> Rows, int? Next)> ReadAsync(int? after)
    {
        var rows = Enumerable.Range(0, 10).Reverse().Where(r => after is null || r < after).Take(4).ToList();
        IReadOnlyList<int> shown = rows.Take(3).ToList();
        return Task.FromResult((shown, rows.Count > 3 ? shown[^1] : (int?)null));
    }

    [Fact]
    public async Task Older_AppendsEachPageOnce_UntilTheLast()
    {
        var pages = new OlderPages<int, int>(ReadAsync);
        Assert.True(pages.Loading);

        await pages.ReloadAsync();
        Assert.False(pages.Loading);
        while (pages.HasOlder)
        {
            await pages.OlderAsync();
        }

        await pages.OlderAsync();
        Assert.Equal(Enumerable.Range(0, 10).Reverse(), pages.Rows);
    }

    [Fact]
    public async Task Reload_StartsOver_AndClearEmptiesWithoutLoading()
    {
        var pages = new OlderPages<int, int>(ReadAsync);
        await pages.ReloadAsync();
        await pages.OlderAsync();

        await pages.ReloadAsync();
        Assert.Equal([9, 8, 7], pages.Rows);

        pages.Clear();
        Assert.Empty(pages.Rows);
        Assert.False(pages.HasOlder);
        Assert.False(pages.Loading);
    }
}
