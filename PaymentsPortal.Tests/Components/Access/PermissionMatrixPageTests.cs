using Bunit;
using PaymentsPortal.Components.Pages.Access;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Components.Access;

[Trait("Tier", "Component")]
public sealed class PermissionMatrixPageTests : IAsyncLifetime
{
    private readonly BunitContext context = MudBunit.Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await context.DisposeAsync();

    [Fact]
    public void Render_OneRowPerPermissionInOrder()
    {
        var page = context.Render<PermissionMatrixPage>();

        var rows = page.FindAll("tr[data-test=permission-row]");
        Assert.Equal(PermissionMatrix.All.Select(i => i.Name), rows.Select(r => r.GetAttribute("data-permission")));
    }

    [Fact]
    public void Render_Header_NamesEveryRoleThenPlatformAdmin()
    {
        var page = context.Render<PermissionMatrixPage>();

        var headers = page.FindAll("[data-test=permission-matrix] thead th").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(["Permission", "What it allows", .. PermissionMatrix.Roles.Select(r => r.ToString()), "PlatformAdmin"], headers);
    }

    [Fact]
    public void Render_EveryCell_MarksExactlyWhatTheMatrixGrants()
    {
        var page = context.Render<PermissionMatrixPage>();

        foreach (var info in PermissionMatrix.All)
        {
            var cells = page.FindAll($"tr[data-permission='{info.Name}'] td[data-test=grant]");
            bool[] expected =
            [
                .. PermissionMatrix.Roles.Select(role => PermissionMatrix.Grants(role, info.Permission)),
                PermissionMatrix.GrantsPlatformAdmin(info.Permission),
            ];
            Assert.Equal(expected, cells.Select(c => c.GetAttribute("data-granted") == "true"));
            Assert.All(cells, c => AssertMark(c, c.GetAttribute("data-granted") == "true"));
        }
    }

    // A granted cell shows the check icon (titled "Granted"); any other shows a muted dash.
    private static void AssertMark(AngleSharp.Dom.IElement cell, bool granted)
    {
        if (granted)
        {
            Assert.Equal("Granted", cell.QuerySelector("svg title")?.TextContent);
            Assert.Null(cell.QuerySelector("span[title]"));
        }
        else
        {
            Assert.Null(cell.QuerySelector("svg"));
            Assert.Equal("—", cell.QuerySelector("span[title='Not granted']")?.TextContent.Trim());
        }
    }
}
