namespace PaymentsPortal.Core.Hosting;

public enum PortalMode
{
    /// <summary>The real adapters talk to the app's own loopback simulators; demo data is seeded. Never in Production.</summary>
    Sandbox = 1,

    /// <summary>The real adapters talk to the real services with real credentials.</summary>
    Live = 2,
}
