namespace MpcWallet.EndToEndTests.Hostile;

/// <summary>
/// One HTTP/1.1 request as it goes on the wire, on its own connection (<c>Connection: close</c>). <see cref="Framing"/>
/// says how the body is sent; <see cref="Raw"/>, when set, replaces the whole request with those bytes (protocol abuse
/// no client library writes).
/// </summary>
public sealed record RawRequest(
    string Method,
    string Target,
    IReadOnlyList<(string Name, string Value)> Headers,
    byte[] Body,
    BodyFraming Framing = BodyFraming.ContentLength,
    long? DeclaredLength = null,
    byte[]? Raw = null);
