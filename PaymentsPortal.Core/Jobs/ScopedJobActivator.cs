using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace PaymentsPortal.Core.Jobs;

/// <summary>Builds each job's target in a DI scope of its own, disposed when the job ends.</summary>
public sealed class ScopedJobActivator(IServiceScopeFactory scopes) : JobActivator
{
    public override JobActivatorScope BeginScope(JobActivatorContext context) => new Scope(scopes.CreateAsyncScope());

    private sealed class Scope(AsyncServiceScope scope) : JobActivatorScope
    {
        public override object Resolve(Type type) => ActivatorUtilities.GetServiceOrCreateInstance(scope.ServiceProvider, type);

        // Some services are only IAsyncDisposable; Hangfire's scope end is synchronous.
        public override void DisposeScope() => scope.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
