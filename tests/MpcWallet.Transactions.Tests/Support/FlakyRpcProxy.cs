using System.Net;
using System.Net.Sockets;

namespace MpcWallet.Transactions.Tests.Support;

/// <summary>
/// A loopback JSON-RPC proxy in front of Anvil that answers <c>eth_sendRawTransaction</c> with a bare HTTP 503 (no
/// JSON-RPC body: a transport failure, so nothing was sent) while <see cref="FailSends"/> is set.
/// </summary>
internal sealed class FlakyRpcProxy : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly HttpClient _upstream = new();
    private readonly Uri _target;
    private readonly Task _loop;

    public FlakyRpcProxy(Uri target)
    {
        _target = target;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Endpoint.ToString());
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri Endpoint { get; }

    public volatile bool FailSends;

    public int RefusedSends;

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
        {
        }

        _listener.Close();
        _upstream.Dispose();
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => ForwardAsync(context));
        }
    }

    private async Task ForwardAsync(HttpListenerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            if (FailSends && body.Contains("eth_sendRawTransaction", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref RefusedSends);
                context.Response.StatusCode = 503;
                context.Response.Close();
                return;
            }

            using var response = await _upstream.PostAsync(_target, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
            var answer = await response.Content.ReadAsByteArrayAsync();
            context.Response.StatusCode = (int)response.StatusCode;
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(answer);
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or IOException or HttpRequestException or ObjectDisposedException)
        {
            // the client went away or the test is over
        }
    }
}
