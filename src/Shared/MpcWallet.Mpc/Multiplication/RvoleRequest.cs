using MpcWallet.Mpc.Ot;
using MpcWallet.Mpc.Wire;

namespace MpcWallet.Mpc.Multiplication;

/// <summary>
/// RVOLE, Bob → Alice: exactly the OT-extension message (u, x̃, t̃) for Bob's 512 secret choice bits β plus 128 random
/// check-padding bits. Wire form: <see cref="OtExtensionMessage"/> (24,592 bytes), no header.
/// </summary>
public sealed class RvoleRequest
{
    public const int EncodedLength = OtExtensionMessage.EncodedLength;

    internal RvoleRequest(OtExtensionMessage extension)
    {
        Extension = extension;
    }

    internal OtExtensionMessage Extension { get; }

    public void Write(WireWriter writer) => Extension.Write(writer);

    public byte[] Encode()
    {
        var writer = new WireWriter(EncodedLength);
        Write(writer);
        return writer.ToArray();
    }

    public static RvoleRequest Read(ref WireReader reader) => new(OtExtensionMessage.Read(ref reader));

    /// <summary>Decodes a complete request (exact length; throws <see cref="MpcDecodeException"/>).</summary>
    public static RvoleRequest Decode(ReadOnlySpan<byte> encoded)
    {
        var reader = new WireReader(encoded);
        var request = Read(ref reader);
        reader.EnsureEnd();
        return request;
    }
}
