namespace PaymentsPortal.Hosting;

/// <summary>
/// The two database identities: the owner role that runs migrations, and the application role the
/// running app uses (granted only what it needs after each migration).
/// </summary>
public sealed record PortalConnectionStrings(string App, string Owner)
{
    public static PortalConnectionStrings From(IConfiguration configuration)
    {
        var app = configuration.GetConnectionString("Portal");
        if (string.IsNullOrWhiteSpace(app))
        {
            throw new InvalidOperationException(
                "No database is configured. Start the portal with ./run.sh (it runs a private PostgreSQL), " +
                "or set ConnectionStrings__Portal (application role) and ConnectionStrings__PortalOwner (owner role).");
        }

        var owner = configuration.GetConnectionString("PortalOwner");
        return new PortalConnectionStrings(app, string.IsNullOrWhiteSpace(owner) ? app : owner);
    }
}
