namespace MpcWallet.EndToEndTests.Hostile;

/// <summary>How a <see cref="RawRequest"/> sends its body.</summary>
public enum BodyFraming
{
    /// <summary><c>Content-Length</c> = the body's length (omitted for an empty body).</summary>
    ContentLength,

    /// <summary><c>Transfer-Encoding: chunked</c>, 64 KB chunks.</summary>
    Chunked,

    /// <summary>Declares <see cref="RawRequest.DeclaredLength"/>, sends the (shorter) body, then closes its sending side.</summary>
    ShortThenClose,

    /// <summary>Declares <see cref="RawRequest.DeclaredLength"/>, sends the (shorter) body, then sends nothing more and waits.</summary>
    ShortThenStall,
}
