using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PaymentsPortal.Core.Banking.Plaid;

/// <summary>
/// Sends one request to Plaid and classifies whatever comes back. Each call is bounded by <see cref="PlaidOptions.Timeout"/>
/// (reply body included), so a stalled reply is a timeout too and is told apart from the caller's own cancellation.
/// </summary>
internal sealed class PlaidTransport(IHttpClientFactory httpClients, IOptions<PlaidOptions> options, PlaidAddressOverride? addressOverride, ILogger logger)
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json") { CharSet = "utf-8" };

    public async Task<PlaidResult<TResponse>> PostAsync<TRequest, TResponse>(
        PlaidEndpoint endpoint, TRequest body, CancellationToken cancellationToken)
        where TResponse : class
    {
        // Nothing has been sent yet: a caller that already gave up gets the usual cancellation, not an outcome.
        cancellationToken.ThrowIfCancellationRequested();
        var settings = options.Value;
        if (!settings.IsConfigured)
        {
            return PlaidResult.Failed<TResponse>(new PlaidFailure(
                PlaidFailureKind.InvalidCredentials, "Bank linking through Plaid is not set up on this portal (Plaid:ClientId and Plaid:Secret are empty)."));
        }

        var outcome = await SendAsync<TRequest, TResponse>(endpoint, body, settings, cancellationToken).ConfigureAwait(false);
        if (outcome.Failure is { } failure)
        {
            failure = WithoutSecret(failure, settings.Secret);
            logger.LogWarning("Plaid {Endpoint} failed: {Kind} (HTTP {Status}, {ErrorType}/{ErrorCode}, request {RequestId}, outcome unknown: {OutcomeUnknown})",
                endpoint.Path, failure.Kind, failure.HttpStatus, failure.ErrorType, failure.ErrorCode, failure.RequestId, failure.OutcomeUnknown);
            return PlaidResult.Failed<TResponse>(failure);
        }

        return outcome;
    }

    private async Task<PlaidResult<TResponse>> SendAsync<TRequest, TResponse>(
        PlaidEndpoint endpoint, TRequest body, PlaidOptions settings, CancellationToken cancellationToken)
        where TResponse : class
    {
        using var timeout = new CancellationTokenSource(settings.Timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var request = CreateRequest(endpoint, body, settings, addressOverride?.Address ?? settings.ResolveBaseAddress());
            using var http = httpClients.CreateClient(PlaidClient.HttpClientName);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var bytes = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
            try
            {
                return Interpret<TResponse>(endpoint, response, bytes);
            }
            finally
            {
                // Replies carry access tokens and account numbers: do not leave them lying in a pooled-size array.
                CryptographicOperations.ZeroMemory(bytes);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            return Failed<TResponse>(endpoint, string.Create(CultureInfo.InvariantCulture,
                $"No complete reply within {settings.Timeout.TotalSeconds:0.###} s."));
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or SocketException)
        {
            // Messages from the HTTP stack name the host and the socket error, never headers (where the secret is).
            return Failed<TResponse>(endpoint, exception.GetType().Name + ": " + exception.Message);
        }
    }

    private static HttpRequestMessage CreateRequest<TRequest>(PlaidEndpoint endpoint, TRequest body, PlaidOptions settings, Uri baseAddress)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, PlaidJson.Options));
        content.Headers.ContentType = JsonMediaType;
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, endpoint.RelativePath)) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        // Without validation: Add would throw a FormatException that quotes the value. The options validator has already
        // refused credentials with spaces or control characters.
        request.Headers.TryAddWithoutValidation("PLAID-CLIENT-ID", settings.ClientId);
        request.Headers.TryAddWithoutValidation("PLAID-SECRET", settings.Secret);
        request.Headers.TryAddWithoutValidation("Plaid-Version", PlaidClient.ApiVersion);
        return request;
    }

    private static PlaidResult<TResponse> Interpret<TResponse>(PlaidEndpoint endpoint, HttpResponseMessage response, byte[] bytes)
        where TResponse : class
    {
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            try
            {
                return JsonSerializer.Deserialize<TResponse>(bytes, PlaidJson.Options) is { } value
                    ? PlaidResult.Success<TResponse>(value)
                    : Failed<TResponse>(endpoint, "Plaid answered with an empty body.", status);
            }
            catch (JsonException exception)
            {
                // The path says which field was wrong; STJ's message does not quote the value.
                return Failed<TResponse>(endpoint, "Plaid's reply could not be read at " + (exception.Path ?? "$") + ".", status);
            }
        }

        return PlaidResult.Failed<TResponse>(PlaidErrorClassifier.Classify(endpoint, response.StatusCode, ReadError(bytes), RetryAfter(response)));
    }

    // A 4xx/5xx page from a proxy is not JSON: then the status alone classifies it.
    private static PlaidError? ReadError(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            return null;
        }

        try
        {
            var error = JsonSerializer.Deserialize<PlaidError>(bytes, PlaidJson.Options);
            return error is { ErrorType: not null } or { ErrorCode: not null } ? error : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } when delta > TimeSpan.Zero => delta,
        { Date: { } date } when date > DateTimeOffset.UtcNow => date - DateTimeOffset.UtcNow,
        _ => null,
    };

    private static PlaidResult<TResponse> Failed<TResponse>(PlaidEndpoint endpoint, string developerMessage, int? status = null)
        where TResponse : class =>
        PlaidResult.Failed<TResponse>(PlaidErrorClassifier.Unavailable(endpoint, developerMessage, status));

    // Plaid's secret has no recognisable shape for the redactor, so the configured value itself is removed from every text.
    private static PlaidFailure WithoutSecret(PlaidFailure failure, string? secret) =>
        string.IsNullOrEmpty(secret) ? failure : failure with
        {
            Message = failure.Message.Replace(secret, "[redacted]", StringComparison.Ordinal),
            DeveloperMessage = failure.DeveloperMessage?.Replace(secret, "[redacted]", StringComparison.Ordinal),
            DisplayMessage = failure.DisplayMessage?.Replace(secret, "[redacted]", StringComparison.Ordinal),
            ErrorCodeReason = failure.ErrorCodeReason?.Replace(secret, "[redacted]", StringComparison.Ordinal),
        };
}
