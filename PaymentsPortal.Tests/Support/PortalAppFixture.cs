namespace PaymentsPortal.Tests.Support;

/// <summary>One running app with its own database for a test class (xunit class fixture).</summary>
public class PortalAppFixture : IAsyncLifetime
{
    public PortalAppFactory App { get; private set; } = default!;

    public TestDatabase Database { get; private set; } = default!;

    /// <summary>Settings a derived fixture changes for its test class.</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        Database = await TestPostgres.CreateDatabaseAsync();
        App = new PortalAppFactory(Database, Settings);
        App.Start();
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await TestPostgres.DropDatabaseAsync(Database.Name);
    }
}
