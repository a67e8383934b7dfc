using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Persistence;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the web app or a database.</summary>
internal sealed class DesignTimePortalDbContextFactory : IDesignTimeDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        PortalDatabase.Configure(options, "Host=127.0.0.1;Database=design_time_only");
        return new PortalDbContext(options.Options, FixedTenantScope.None);
    }
}
