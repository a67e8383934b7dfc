using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor.Services;

namespace PaymentsPortal.Tests.Support;

/// <summary>A bUnit context set up the way MudBlazor components need it: interactive, with loose JS interop.</summary>
public static class MudBunit
{
    /// <summary>Dispose with <c>DisposeAsync</c>: MudBlazor's services are only asynchronously disposable.</summary>
    public static BunitContext Create()
    {
        var context = new BunitContext();
        context.Services.AddMudServices();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return context;
    }
}
