using System.Net;
using System.Text.Json;
using PaymentsPortal.Core.Banking.Plaid;
using PaymentsPortal.Tests.Unit.Banking.Plaid;

namespace PaymentsPortal.Tests.Contract.Plaid;

/// <summary>
/// Holds the client to Plaid's published OpenAPI definition (the subset in plaid-openapi-subset.json): a renamed or
/// retyped field, a missing required one, or a null we cannot take fails here before it fails against Plaid.
/// </summary>
[Trait("Tier", "Contract")]
public sealed class PlaidContractTests
{
    [Fact]
    public void Paths_EveryEndpointWeCall_IsAPostInPlaidsDefinition()
    {
        Assert.Equal(PlaidEndpoint.All.Select(e => e.Path).Order(StringComparer.Ordinal), PlaidContractEndpoint.All.Select(e => e.Path).Order(StringComparer.Ordinal));
        Assert.All(PlaidEndpoint.All, e => Assert.True(PlaidOpenApiSubset.Operation(e.Path).HasValue, $"{e.Path} is not a POST in Plaid's definition"));
    }

    [Theory]
    [MemberData(nameof(PlaidContractEndpoint.Paths), MemberType = typeof(PlaidContractEndpoint))]
    public async Task Request_FullyPopulated_WritesOnlyPlaidsFieldsWithPlaidsTypes(string path)
    {
        var (body, _) = await CallAsync(path);

        Assert.Empty(PlaidSchemaChecker.MissingFromSample(PlaidContractEndpoint.For(path).RequestType, body));
        Assert.Empty(PlaidSchemaChecker.CheckRequestBody(body, PlaidOpenApiSubset.RequestSchema(path)));
    }

    [Theory]
    [MemberData(nameof(PlaidContractEndpoint.Paths), MemberType = typeof(PlaidContractEndpoint))]
    public void Response_OurType_ReadsOnlyPlaidsFieldsWithPlaidsTypes(string path) =>
        Assert.Empty(PlaidSchemaChecker.CheckResponseType(PlaidContractEndpoint.For(path).ResponseType, PlaidOpenApiSubset.ResponseSchema(path)));

    [Theory]
    [MemberData(nameof(PlaidContractEndpoint.Paths), MemberType = typeof(PlaidContractEndpoint))]
    public async Task Response_PlaidsOwnExample_ReadByTheClient(string path)
    {
        var (_, result) = await CallAsync(path);

        var failure = result.GetType().GetProperty(nameof(PlaidResult<object>.Failure))!.GetValue(result);
        Assert.Null(failure);
        Assert.IsType(PlaidContractEndpoint.For(path).ResponseType, result.GetType().GetProperty(nameof(PlaidResult<object>.Value))!.GetValue(result));
    }

    [Fact]
    public async Task Credentials_SentInTheHeadersPlaidsSecuritySchemesName()
    {
        var schemes = PlaidOpenApiSubset.Root.GetProperty("components").GetProperty("securitySchemes");
        var (_, _, headers) = await CallWithHeadersAsync("/item/get");

        Assert.Equal(PlaidTestHost.ClientId, headers[Header(schemes, "clientId")]);
        Assert.Equal(PlaidTestHost.Secret, headers[Header(schemes, "secret")]);
        Assert.Equal(PlaidClient.ApiVersion, headers[Header(schemes, "plaidVersion")]);
        Assert.StartsWith(PlaidClient.ApiVersion, PlaidOpenApiSubset.Root.GetProperty("info").GetProperty("version").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Servers_OurEnvironmentAddresses_ArePlaidsServers()
    {
        var servers = PlaidOpenApiSubset.Root.GetProperty("servers").EnumerateArray()
            .ToDictionary(s => s.GetProperty("description").GetString()!, s => new Uri(s.GetProperty("url").GetString()! + "/"));

        Assert.Equal(servers["Sandbox"], PlaidOptions.SandboxBaseAddress);
        Assert.Equal(servers["Production"], PlaidOptions.ProductionBaseAddress);
        Assert.Equal(2, servers.Count);
    }

    [Fact]
    public void Checker_RenamedOrRetypedField_Reported()
    {
        // The checker itself must not be vacuous: a misspelt name, a wrong type and a missing required field all show.
        using var body = JsonDocument.Parse("""{"acces_token":"x","count":"100","options":{"include_personal_finance_category":1}}""");

        var problems = PlaidSchemaChecker.CheckRequestBody(body.RootElement, PlaidOpenApiSubset.RequestSchema("/transactions/sync"));

        Assert.Contains(problems, p => p.StartsWith("$.acces_token: we write it", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("$.count: we write string", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("$.options.include_personal_finance_category: we write integer", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("$.access_token: required by Plaid", StringComparison.Ordinal));
    }

    [Fact]
    public void Checker_ResponseTypeThatMisreadsPlaid_Reported()
    {
        var problems = PlaidSchemaChecker.CheckResponseType(typeof(MisreadBalances), PlaidOpenApiSubset.Root
            .GetProperty("components").GetProperty("schemas").GetProperty("AccountBalance"));

        Assert.Contains(problems, p => p.StartsWith("$.available: we cannot take null", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("$.current: we read integer", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("$.iso_currency: we read it", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("$.last_updated_datetime: we require it", StringComparison.Ordinal));
    }

    private static async Task<(JsonElement Body, object Result)> CallAsync(string path)
    {
        var (body, result, _) = await CallWithHeadersAsync(path);
        return (body, result);
    }

    // Through the real client and its registration, against a stub that answers with Plaid's own example for the path.
    private static async Task<(JsonElement Body, object Result, IReadOnlyDictionary<string, string> Headers)> CallWithHeadersAsync(string path)
    {
        var stub = new PlaidStubHandler().Reply(path, HttpStatusCode.OK, PlaidOpenApiSubset.Example(path));
        using var host = new PlaidTestHost(stub);

        var result = await PlaidContractEndpoint.For(path).Call(host.Client);

        var sent = Assert.Single(stub.Requests);
        Assert.Equal(path, sent.Path);
        Assert.Equal(HttpMethod.Post, sent.Method);
        using var body = JsonDocument.Parse(sent.Body);
        return (body.RootElement.Clone(), result, sent.Headers);
    }

    private static string Header(JsonElement schemes, string scheme)
    {
        var definition = schemes.GetProperty(scheme);
        Assert.Equal("header", definition.GetProperty("in").GetString());
        return definition.GetProperty("name").GetString()!;
    }

    private sealed record MisreadBalances(decimal Available, long? Current, string? IsoCurrency, DateTimeOffset? LastUpdatedDatetime);
}
