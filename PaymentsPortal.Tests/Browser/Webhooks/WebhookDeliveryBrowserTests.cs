using Microsoft.Playwright;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Webhooks.Outbound;
using PaymentsPortal.Core.Webhooks.Outbound.Endpoints;
using PaymentsPortal.Tests.Browser.Access;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Browser.Webhooks;

/// <summary>
/// The webhooks pages end to end: the app's own dispatcher sends signed events to a receiver started by the test, and the Admin
/// watches them land, fail, get resent and get signed across a secret rotation.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Tier", "Browser")]
public sealed class WebhookDeliveryBrowserTests(BrowserFixture browser, WebhookDeliveryFixture fixture) : IClassFixture<WebhookDeliveryFixture>
{
    [Fact]
    public async Task AddEndpoint_SendTest_FailThenResend_DeliversSignedEventsAndShowsEveryAttempt()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var admin = await browser.NewPageAsync(fixture);
        await admin.SignInAsync("admin@demo.local");
        await admin.OpenWebhooksAsync();
        await Assertions.Expect(admin.Locator("[data-test=webhooks-empty]")).ToBeVisibleAsync();

        var secret = await admin.AddEndpointAsync(receiver.Url, "Order system", WebhookEventTypes.EndpointTest);

        // Shown once: afterwards the page holds its last four characters only.
        Assert.StartsWith(WebhookSignature.SecretPrefix, secret, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, await admin.ContentAsync(), StringComparison.Ordinal);
        var row = admin.Locator("[data-test=webhook-endpoint-row]", new() { HasTextString = receiver.Url.ToString() });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(admin.Locator("[data-test=webhook-secret-hint]")).ToHaveTextAsync("whsec_…" + secret[^4..]);
        await row.Locator("[data-test=webhook-endpoint-link]").ClickAsync();
        await Assertions.Expect(admin.Locator("[data-test=webhook-endpoint-title]")).ToHaveTextAsync(receiver.Url.ToString());

        // A test event: signed with the secret just shown, and listed as delivered with its one attempt.
        await admin.ClickAsync("[data-test=webhook-send-test]");
        var first = await receiver.WaitForAsync(1);
        Assert.True(first.VerifiesWith(secret), "The signature does not verify with the secret the page showed.");
        Assert.Single(first.Signatures);
        Assert.Contains($"\"type\":\"{WebhookEventTypes.EndpointTest}\"", first.Body, StringComparison.Ordinal);
        await Assertions.Expect(admin.Deliveries()).ToHaveCountAsync(1);
        await Assertions.Expect(admin.Deliveries().First).ToHaveAttributeAsync("data-status", "Delivered", WebhookPages.Dispatched);
        await admin.Deliveries().First.ClickAsync();
        await Assertions.Expect(admin.Attempts()).ToHaveCountAsync(1);
        await Assertions.Expect(admin.Attempts().First).ToHaveAttributeAsync("data-status-code", "200");
        await Assertions.Expect(admin.Attempts().First).ToHaveAttributeAsync("data-trigger", "Scheduled");
        await admin.ClickAsync("[data-test=webhook-delivery-close]");

        // The receiver is down: the next test event fails, and the endpoint's health says so.
        receiver.Answer(500);
        await admin.ClickAsync("[data-test=webhook-send-test]");
        await receiver.WaitForAsync(2);
        await Assertions.Expect(admin.Deliveries()).ToHaveCountAsync(2);
        var failed = admin.Deliveries().First;
        await Assertions.Expect(failed).ToHaveAttributeAsync("data-status", "Failed", WebhookPages.Dispatched);
        await Assertions.Expect(admin.Locator("[data-test=webhook-delivery-last]").First).ToContainTextAsync("HTTP 500");
        await Assertions.Expect(admin.EndpointHealth()).ToHaveAttributeAsync("data-health", "Degraded", WebhookPages.Dispatched);

        // Back up: Resend in the delivery makes a second attempt, a replay, which delivers it.
        receiver.Answer(200);
        await failed.ClickAsync();
        await Assertions.Expect(admin.Attempts()).ToHaveCountAsync(1);
        await Assertions.Expect(admin.Attempts().First).ToHaveAttributeAsync("data-status-code", "500");
        await admin.ClickAsync("[data-test=webhook-resend]");

        await Assertions.Expect(admin.Attempts()).ToHaveCountAsync(2, new() { Timeout = 20_000 });
        var replay = admin.Locator("[data-test=webhook-delivery-dialog] [data-test=webhook-attempt][data-number='2']");
        await Assertions.Expect(replay).ToHaveAttributeAsync("data-trigger", "Replay");
        await Assertions.Expect(replay).ToHaveAttributeAsync("data-status-code", "200");
        await Assertions.Expect(admin.Locator("[data-test=webhook-delivery-dialog] [data-test=webhook-delivery-status]"))
            .ToHaveAttributeAsync("data-status", "Delivered", WebhookPages.Dispatched);
        await admin.ClickAsync("[data-test=webhook-delivery-close]");
        await Assertions.Expect(failed).ToHaveAttributeAsync("data-status", "Delivered");
        await Assertions.Expect(admin.EndpointHealth()).ToHaveAttributeAsync("data-health", "Healthy");

        var resent = await receiver.WaitForAsync(3);
        Assert.Equal(receiver.Received[1].EventId, resent.EventId);
        Assert.Equal(receiver.Received[1].Body, resent.Body);
        Assert.All(receiver.Received, r => Assert.True(r.VerifiesWith(secret)));
        await admin.Context.CloseAsync();
    }

    [Fact]
    public async Task RotateSecret_KeepingTheOld_SignsWithBoth_ThenEndingItNow_SignsWithTheNewestOnly()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var northwind = await fixture.App.MerchantIdAsync(DemoData.Northwind);
        var created = await fixture.App.Service<WebhookEndpointAdministration>().CreateAsync(northwind, TestActors.Someone,
            new WebhookEndpointInput(receiver.Url.ToString(), "Rotation", [WebhookEventTypes.EndpointTest]));
        Assert.True(created.Succeeded, created.Error);
        var original = created.Value!.Secret;
        var admin = await browser.NewPageAsync(fixture);
        await admin.SignInAsync("admin@northwind.local");
        await admin.GotoAsync($"/settings/webhooks/{created.Value.EndpointId}");
        await admin.WaitForInteractiveAsync();
        await Assertions.Expect(admin.Locator("[data-test=webhook-endpoint-title]")).ToHaveTextAsync(receiver.Url.ToString());

        // A new secret is sensitive: step-up first, then the new secret, once.
        await admin.StartRotationAsync(endOldNow: false);
        await admin.StepUpAsync(DemoData.Password);
        var rotated = await admin.TakeShownSecretAsync();
        Assert.NotEqual(original, rotated);
        await Assertions.Expect(admin.Locator("[data-test=webhook-secret-hint]")).ToHaveTextAsync("whsec_…" + rotated[^4..]);
        await Assertions.Expect(admin.Locator("[data-test=webhook-previous-secret]")).ToBeVisibleAsync();

        await admin.ClickAsync("[data-test=webhook-send-test]");
        var during = await receiver.WaitForAsync(1);
        Assert.Equal(2, during.Signatures.Count);
        Assert.True(during.SignatureVerifiesWith(0, rotated), "The first v1 is not the new secret's.");
        Assert.True(during.SignatureVerifiesWith(1, original), "The second v1 is not the old secret's.");

        // Ended at once (a leak): within the step-up window no second prompt, and the old secret signs nothing more.
        await admin.StartRotationAsync(endOldNow: true);
        var newest = await admin.TakeShownSecretAsync();
        await Assertions.Expect(admin.Locator("[data-test=step-up-dialog]")).ToHaveCountAsync(0);
        await Assertions.Expect(admin.Locator("[data-test=webhook-previous-secret]")).ToHaveCountAsync(0);

        await admin.ClickAsync("[data-test=webhook-send-test]");
        var after = await receiver.WaitForAsync(2);
        Assert.Single(after.Signatures);
        Assert.True(after.VerifiesWith(newest));
        Assert.False(after.VerifiesWith(rotated));
        Assert.False(after.VerifiesWith(original));
        await admin.Context.CloseAsync();
    }
}
