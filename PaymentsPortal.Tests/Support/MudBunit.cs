using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace PaymentsPortal.Tests.Support;

/// <summary>A bUnit context set up the way MudBlazor components need it: interactive, with loose JS interop.</summary>
public static class MudBunit
{
    /// <summary>Dispose with <c>DisposeAsync</c>: MudBlazor's services are only asynchronously disposable.</summary>
    /// <param name="services">Adds the services the components under test inject; bUnit takes none once the renderer exists.</param>
    public static BunitContext Create(Action<IServiceCollection>? services = null)
    {
        var context = new BunitContext();
        context.Services.AddMudServices();
        services?.Invoke(context.Services);
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return context;
    }
}
