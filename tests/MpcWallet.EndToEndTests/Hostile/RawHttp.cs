using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace MpcWallet.EndToEndTests.Hostile;

/// <summary>
/// Sends a <see cref="RawRequest"/> over a plain socket, so requests no HTTP client would write (short bodies,
/// oversized chunked bodies, 100 KB headers, malformed framing) can be sent. The answer is read while the body is
/// still going out: a server may answer early (413) and stop reading.
/// </summary>
public static class RawHttp
{
    private const int ChunkSize = 64 * 1024;

    /// <exception cref="TimeoutException">No complete answer within <paramref name="timeout"/> (a hang).</exception>
    /// <exception cref="IOException">The connection ended without an answer.</exception>
    public static async Task<RawResponse> SendAsync(Uri server, RawRequest request, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        using var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(server.Host, server.Port, deadline.Token);
        var stream = client.GetStream();
        using var sending = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
        var reading = ReadAnswerAsync(stream, deadline.Token);
        var writing = WriteAsync(client, stream, request, sending.Token);
        try
        {
            return await reading;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"no answer within {timeout}");
        }
        finally
        {
            await sending.CancelAsync();
            try
            {
                await writing;
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The server stopped reading (it answered early) or the exchange is over.
            }
        }
    }

    private static async Task WriteAsync(TcpClient client, NetworkStream stream, RawRequest request, CancellationToken cancellationToken)
    {
        if (request.Raw is { } raw)
        {
            await stream.WriteAsync(raw, cancellationToken);
            return;
        }

        var head = new StringBuilder();
        head.Append(request.Method).Append(' ').Append(request.Target).Append(" HTTP/1.1\r\n");
        foreach (var (name, value) in request.Headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        switch (request.Framing)
        {
            case BodyFraming.Chunked:
                head.Append("Transfer-Encoding: chunked\r\n");
                break;
            case BodyFraming.ShortThenClose or BodyFraming.ShortThenStall:
                head.Append("Content-Length: ").Append(request.DeclaredLength!.Value.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
                break;
            default:
                if (request.Body.Length > 0 || request.Method is "POST" or "PUT" or "PATCH")
                {
                    head.Append("Content-Length: ").Append(request.Body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
                }

                break;
        }

        head.Append("\r\n");
        // Header values may carry non-ASCII bytes on purpose: written as UTF-8, as a careless client would.
        await stream.WriteAsync(Encoding.UTF8.GetBytes(head.ToString()), cancellationToken);
        if (request.Framing == BodyFraming.Chunked)
        {
            for (var offset = 0; offset < request.Body.Length; offset += ChunkSize)
            {
                var length = Math.Min(ChunkSize, request.Body.Length - offset);
                await stream.WriteAsync(Encoding.ASCII.GetBytes(length.ToString("x", CultureInfo.InvariantCulture) + "\r\n"), cancellationToken);
                await stream.WriteAsync(request.Body.AsMemory(offset, length), cancellationToken);
                await stream.WriteAsync("\r\n"u8.ToArray(), cancellationToken);
            }

            await stream.WriteAsync("0\r\n\r\n"u8.ToArray(), cancellationToken);
            return;
        }

        await stream.WriteAsync(request.Body, cancellationToken);
        if (request.Framing == BodyFraming.ShortThenClose)
        {
            client.Client.Shutdown(SocketShutdown.Send);
        }
    }

    private static async Task<RawResponse> ReadAnswerAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var received = new MemoryStream();
        var buffer = new byte[64 * 1024];
        while (true)
        {
            int read;
            try
            {
                read = await stream.ReadAsync(buffer, cancellationToken);
            }
            catch (IOException) when (received.Length > 0)
            {
                // Reset after the server wrote its answer (it closed with our unread body pending): use what arrived.
                read = 0;
            }

            if (read == 0)
            {
                return Parse(received.ToArray(), atEnd: true) ?? throw new IOException($"the connection ended after {received.Length} bytes without a complete answer");
            }

            received.Write(buffer, 0, read);
            if (Parse(received.ToArray(), atEnd: false) is { } complete)
            {
                return complete;
            }
        }
    }

    /// <summary>The first final (non-1xx) response in <paramref name="data"/>, or null while it is incomplete.</summary>
    private static RawResponse? Parse(byte[] data, bool atEnd)
    {
        var start = 0;
        while (true)
        {
            var end = IndexOf(data, "\r\n\r\n"u8, start);
            if (end < 0)
            {
                return null;
            }

            var lines = Encoding.Latin1.GetString(data, start, end - start).Split("\r\n");
            var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
            var headers = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var line in lines.Skip(1))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                var name = line[..colon].Trim().ToLowerInvariant();
                var value = line[(colon + 1)..].Trim();
                headers[name] = headers.TryGetValue(name, out var earlier) ? earlier + "," + value : value;
            }

            var bodyStart = end + 4;
            if (status < 200)
            {
                start = bodyStart;
                continue;
            }

            if (headers.TryGetValue("transfer-encoding", out var coding) && coding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
            {
                return Dechunk(data, bodyStart) is { } body ? new RawResponse(status, headers, body) : null;
            }

            if (headers.TryGetValue("content-length", out var lengthText))
            {
                var length = int.Parse(lengthText, CultureInfo.InvariantCulture);
                return data.Length - bodyStart >= length ? new RawResponse(status, headers, data[bodyStart..(bodyStart + length)]) : null;
            }

            return atEnd ? new RawResponse(status, headers, data[bodyStart..]) : null;
        }
    }

    private static byte[]? Dechunk(byte[] data, int position)
    {
        var body = new MemoryStream();
        while (true)
        {
            var lineEnd = IndexOf(data, "\r\n"u8, position);
            if (lineEnd < 0)
            {
                return null;
            }

            var size = int.Parse(Encoding.ASCII.GetString(data, position, lineEnd - position).Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            position = lineEnd + 2;
            if (size == 0)
            {
                return body.ToArray();
            }

            if (data.Length < position + size + 2)
            {
                return null;
            }

            body.Write(data, position, size);
            position += size + 2;
        }
    }

    private static int IndexOf(byte[] data, ReadOnlySpan<byte> pattern, int from)
    {
        var index = data.AsSpan(from).IndexOf(pattern);
        return index < 0 ? -1 : from + index;
    }
}
