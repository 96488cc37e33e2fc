namespace MpcWallet.EndToEndTests.Hostile;

/// <summary>One bad request and the statuses a correct server may answer it with.</summary>
/// <param name="Timeout">How long the answer may take (a request that waits for the server's body-read timeout needs longer).</param>
/// <param name="ClientEndsExchange">
/// The client closes its side before the request is complete: the server may end the connection without an answer
/// (Kestrel does), but must not hang.
/// </param>
public sealed record HostileCase(string Name, RawRequest Request, int[] Expected, TimeSpan Timeout, bool ClientEndsExchange = false)
{
    public override string ToString() => Name;
}
