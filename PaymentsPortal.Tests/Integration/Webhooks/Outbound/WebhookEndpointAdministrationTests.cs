using Microsoft.EntityFrameworkCore;
using Npgsql;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Webhooks.Outbound;
using PaymentsPortal.Core.Webhooks.Outbound.Deliveries;
using PaymentsPortal.Core.Webhooks.Outbound.Endpoints;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Webhooks.Outbound;

/// <summary>Endpoints: the secret is shown once and kept encrypted, rotation overlaps, limits hold, and every change is audited.</summary>
[Trait("Tier", "Integration")]
public sealed class WebhookEndpointAdministrationTests
{
    [Fact]
    public async Task Create_SecretIsEncryptedAtRestAndNeverAudited()
    {
        await using var bed = await OutboundTestBed.StartAsync();
        var endpoint = await bed.AddEndpointAsync(WebhookEventTypes.PaymentSucceeded);

        Assert.StartsWith(WebhookSignature.SecretPrefix, endpoint.Secret, StringComparison.Ordinal);
        var stored = await bed.EndpointAsync(endpoint.EndpointId);
        Assert.DoesNotContain(endpoint.Secret[6..], stored.ProtectedSecret, StringComparison.Ordinal);
        Assert.EndsWith(endpoint.Secret[^4..], stored.SecretHint, StringComparison.Ordinal);
        await using var db = bed.Host.Context(bed.MerchantId);
        var audit = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == AuditAction.WebhookEndpointCreated);
        Assert.Equal(endpoint.EndpointId.ToString(), audit.TargetId);
        Assert.DoesNotContain(endpoint.Secret[6..], audit.Details, StringComparison.Ordinal);
        Assert.Contains(WebhookEventTypes.PaymentSucceeded, audit.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rotate_WithGrace_SignsWithBothSecretsUntilItEnds()
    {
        await using var bed = await OutboundTestBed.StartAsync();
        var old = await bed.AddEndpointAsync();
        var rotated = await bed.Endpoints.RotateSecretAsync(bed.MerchantId, TestActors.Someone, old.EndpointId, endOldNow: false);
        Assert.True(rotated.Succeeded, rotated.Error);
        var fresh = rotated.Value!.Secret;

        await bed.SucceededPaymentAsync();
        await bed.PassAsync();
        var during = Assert.Single(bed.Receiver.Received);
        Assert.True(bed.Verifies(during, fresh));
        Assert.True(bed.Verifies(during, old.Secret));

        bed.Clock.Advance(TimeSpan.FromHours(25));
        await bed.SucceededPaymentAsync();
        await bed.PassAsync();
        var after = bed.Receiver.Received[1];
        Assert.True(bed.Verifies(after, fresh));
        Assert.False(bed.Verifies(after, old.Secret));
    }

    [Fact]
    public async Task Rotate_EndingTheOldSecretNow_SignsWithTheNewOneOnly()
    {
        await using var bed = await OutboundTestBed.StartAsync();
        var old = await bed.AddEndpointAsync();
        var rotated = await bed.Endpoints.RotateSecretAsync(bed.MerchantId, TestActors.Someone, old.EndpointId, endOldNow: true);

        await bed.SucceededPaymentAsync();
        await bed.PassAsync();

        var request = Assert.Single(bed.Receiver.Received);
        Assert.True(bed.Verifies(request, rotated.Value!.Secret));
        Assert.False(bed.Verifies(request, old.Secret));
        Assert.Single(request.Header(WebhookSignature.Header).Split(",v1=").Skip(1));
    }

    [Fact]
    public async Task Create_BeyondTheLimit_IsRefused()
    {
        await using var bed = await OutboundTestBed.StartAsync();
        for (var i = 0; i < WebhookEndpointAdministration.MaxEndpoints; i++)
        {
            await bed.AddEndpointAsync();
        }

        var refused = await bed.Endpoints.CreateAsync(bed.MerchantId, TestActors.Someone, new(bed.Receiver.Url, null, []));

        Assert.False(refused.Succeeded);
        Assert.Contains("at most 16", refused.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "Enter the URL")]
    [InlineData("not a url", "Enter a full URL")]
    [InlineData("ftp://example.com/hooks", "Enter a full URL")]
    [InlineData("https://user:pass@example.com/hooks", "user name or password")]
    [InlineData("https://example.com/hooks#x", "#fragment")]
    public async Task Create_BadUrl_IsRefusedWithAReason(string url, string reason)
    {
        await using var bed = await OutboundTestBed.StartAsync();

        var refused = await bed.Endpoints.CreateAsync(bed.MerchantId, TestActors.Someone, new(url, null, []));

        Assert.False(refused.Succeeded);
        Assert.Contains(reason, refused.Error, StringComparison.Ordinal);
        await using var db = bed.Host.Context(bed.MerchantId);
        Assert.False(await db.WebhookEndpoints.AnyAsync());
    }

    [Fact]
    public async Task Create_UnknownEventType_IsRefused()
    {
        await using var bed = await OutboundTestBed.StartAsync();

        var refused = await bed.Endpoints.CreateAsync(bed.MerchantId, TestActors.Someone, new(bed.Receiver.Url, null, ["payment.exploded"]));

        Assert.Equal("There is no event type called payment.exploded.", refused.Error);
    }

    [Fact]
    public async Task Update_ChangesSubscriptions_AndEveryChangeIsAudited()
    {
        await using var bed = await OutboundTestBed.StartAsync();
        var endpoint = await bed.AddEndpointAsync(WebhookEventTypes.RefundSucceeded);
        var admin = bed.Endpoints;

        Assert.True((await admin.UpdateAsync(bed.MerchantId, TestActors.Someone, endpoint.EndpointId, new(bed.Receiver.Url, "orders", [WebhookEventTypes.PaymentSucceeded]))).Succeeded);
        Assert.True((await admin.SetEnabledAsync(bed.MerchantId, TestActors.Someone, endpoint.EndpointId, false)).Succeeded);
        Assert.False((await admin.SetEnabledAsync(bed.MerchantId, TestActors.Someone, endpoint.EndpointId, false)).Succeeded);
        Assert.True((await admin.SetEnabledAsync(bed.MerchantId, TestActors.Someone, endpoint.EndpointId, true)).Succeeded);
        Assert.True((await admin.RotateSecretAsync(bed.MerchantId, TestActors.Someone, endpoint.EndpointId, false)).Succeeded);
        Assert.True((await bed.Host.Service<WebhookDeliveryActions>().SendTestAsync(bed.MerchantId, TestActors.Someone, endpoint.EndpointId)).Succeeded);
        Assert.True((await admin.DeleteAsync(bed.MerchantId, TestActors.Someone, endpoint.EndpointId)).Succeeded);

        await using var db = bed.Host.Context(bed.MerchantId);
        var actions = await db.AuditEntries.AsNoTracking().Where(e => e.TargetType == WebhookEndpointAdministration.AuditTargetType)
            .OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync();
        Assert.Equal(
            [AuditAction.WebhookEndpointCreated, AuditAction.WebhookEndpointUpdated, AuditAction.WebhookEndpointDisabled, AuditAction.WebhookEndpointEnabled,
                AuditAction.WebhookEndpointSecretRotated, AuditAction.WebhookTestEventSent, AuditAction.WebhookEndpointDeleted],
            actions);
    }

    [Fact]
    public async Task OtherMerchant_CannotSeeOrChangeTheEndpoint()
    {
        await using var bed = await OutboundTestBed.StartAsync();
        var endpoint = await bed.AddEndpointAsync();
        var northwind = await bed.Host.MerchantIdAsync(Core.Demo.DemoData.Northwind);

        Assert.Null(await bed.Host.Service<WebhookDeliveryQueries>().EndpointAsync(northwind, endpoint.EndpointId));
        Assert.False((await bed.Endpoints.DeleteAsync(northwind, TestActors.Someone, endpoint.EndpointId)).Succeeded);
        Assert.False((await bed.Endpoints.RotateSecretAsync(northwind, TestActors.Someone, endpoint.EndpointId, true)).Succeeded);
        Assert.NotNull(await bed.Host.Service<WebhookDeliveryQueries>().EndpointAsync(bed.MerchantId, endpoint.EndpointId));
    }

    [Theory]
    [InlineData("body")]
    [InlineData("type")]
    [InlineData("merchant_id")]
    public async Task AppRole_CannotRewriteAnEvent(string column)
    {
        await using var bed = await OutboundTestBed.StartAsync();
        await using var connection = new NpgsqlConnection(bed.Host.Database.AppConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT has_column_privilege(current_user, 'webhook_events', @c, 'UPDATE'), " +
            "has_column_privilege(current_user, 'webhook_events', 'fanned_out_at', 'UPDATE'), " +
            "has_table_privilege(current_user, 'webhook_delivery_attempts', 'UPDATE')", connection);
        command.Parameters.AddWithValue("c", column);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();

        Assert.Equal((false, true, false), (reader.GetBoolean(0), reader.GetBoolean(1), reader.GetBoolean(2)));
    }
}
