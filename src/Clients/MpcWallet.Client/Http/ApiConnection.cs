using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MpcWallet.Client.Http;

/// <summary>
/// The HTTP side shared by every resource client: authentication, the Idempotency-Key and Prefer headers, retries of
/// transport failures (a creating POST only with its idempotency key, so a retry cannot create twice), JSON reading,
/// and problem details turned into <see cref="MpcWalletProblemException"/>.
/// </summary>
internal sealed class ApiConnection
{
    private const string IdempotencyHeader = "Idempotency-Key";

    private readonly HttpClient _http;
    private readonly Uri _baseAddress;

    public ApiConnection(HttpClient http, MpcWalletClientOptions options)
    {
        _http = http;
        Options = options;
        var baseAddress = options.BaseAddress ?? http.BaseAddress ?? throw new ArgumentException("Give MpcWalletClientOptions.BaseAddress or an HttpClient with a BaseAddress.", nameof(options));
        _baseAddress = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
    }

    public MpcWalletClientOptions Options { get; }

    public static string Segment(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return Uri.EscapeDataString(id);
    }

    public Task<T> GetAsync<T>(string path, CancellationToken cancellationToken) =>
        SendAsync<T>(() => new HttpRequestMessage(HttpMethod.Get, new Uri(_baseAddress, path)), retry: true, cancellationToken);

    /// <summary>A POST that creates something: with an Idempotency-Key (given or generated), retried only when it has one.</summary>
    public Task<T> CreateAsync<T>(string path, JsonNode body, RequestOptions? request, CancellationToken cancellationToken)
    {
        var key = request?.IdempotencyKey ?? (Options.AutomaticIdempotencyKeys ? Guid.NewGuid().ToString("N") : null);
        var json = body.ToJsonString();
        return SendAsync<T>(
            () =>
            {
                var message = new HttpRequestMessage(HttpMethod.Post, new Uri(_baseAddress, path))
                {
                    Content = new StringContent(json, Encoding.UTF8, "application/json"),
                };
                if (key is not null)
                {
                    message.Headers.Add(IdempotencyHeader, key);
                }

                if (request?.Wait is { } wait && wait > TimeSpan.Zero)
                {
                    message.Headers.Add("Prefer", $"wait={(int)Math.Ceiling(wait.TotalSeconds)}");
                }

                return message;
            },
            retry: key is not null,
            cancellationToken);
    }

    private async Task<T> SendAsync<T>(Func<HttpRequestMessage> build, bool retry, CancellationToken cancellationToken)
    {
        var delay = Options.RetryDelay;
        for (var attempt = 0; ; attempt++)
        {
            using var message = build();
            if (Options.ApiKey is { } apiKey)
            {
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
            }

            message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(message, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException) when (retry && attempt < Options.MaxRetries)
            {
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay *= 2;
                continue;
            }

            using (response)
            {
                if (retry && attempt < Options.MaxRetries && response.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout)
                {
                    await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                    delay *= 2;
                    continue;
                }

                if (!response.IsSuccessStatusCode)
                {
                    throw await ProblemAsync(response, cancellationToken).ConfigureAwait(false);
                }

                var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                return await JsonSerializer.DeserializeAsync<T>(body, ClientJson.Options, cancellationToken).ConfigureAwait(false)
                    ?? throw new MpcWalletProblemException($"The service answered {(int)response.StatusCode} without a body.");
            }
        }
    }

    private static async Task<MpcWalletProblemException> ProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var title = response.ReasonPhrase ?? response.StatusCode.ToString();
        var errors = new Dictionary<string, string[]>();
        var extensions = new Dictionary<string, JsonElement>();
        string? type = null;
        string? detail = text.Length == 0 ? null : text;
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                detail = null;
                foreach (var member in document.RootElement.EnumerateObject())
                {
                    switch (member.Name)
                    {
                        case "type" when member.Value.ValueKind == JsonValueKind.String:
                            type = member.Value.GetString();
                            break;
                        case "title" when member.Value.ValueKind == JsonValueKind.String:
                            title = member.Value.GetString()!;
                            break;
                        case "detail" when member.Value.ValueKind == JsonValueKind.String:
                            detail = member.Value.GetString();
                            break;
                        case "status":
                            break;
                        case "errors" when member.Value.ValueKind == JsonValueKind.Object:
                            foreach (var field in member.Value.EnumerateObject())
                            {
                                errors[field.Name] = field.Value.ValueKind == JsonValueKind.Array
                                    ? field.Value.EnumerateArray().Select(m => m.ToString()).ToArray()
                                    : [field.Value.ToString()];
                            }

                            break;
                        default:
                            extensions[member.Name] = member.Value.Clone();
                            break;
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, say): the text stays the detail.
        }

        return new MpcWalletProblemException(response.StatusCode, type, title, detail, errors, extensions);
    }
}
