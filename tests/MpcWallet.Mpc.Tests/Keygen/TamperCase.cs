using MpcWallet.Mpc.KeyShares;
using MpcWallet.Mpc.Protocol;

namespace MpcWallet.Mpc.Tests.Keygen;

/// <summary>
/// One malicious-sender scenario: party <see cref="Sender"/> changes the body of its round-<see cref="Round"/> message
/// (broadcast or direct) towards <see cref="Targets"/>. <see cref="Expected"/> lists the acceptable (check, culprit)
/// outcomes at every detecting party — more than one when a flipped byte may or may not leave a valid encoding.
/// </summary>
public sealed record TamperCase(
    string Name,
    int Round,
    bool Direct,
    Func<TamperContext, byte[]> Mutate,
    (string Check, int? Culprit)[] Expected,
    int[]? Targets = null,
    int[]? Detectors = null,
    bool RewritesSessionDigest = false)
{
    public const int Sender = 2;

    public override string ToString() => Name;
}

/// <summary>What a mutation sees: the original body, its recipient and everything sent so far.</summary>
public sealed record TamperContext(byte[] Body, int Recipient, IReadOnlyList<ProtocolMessage> Sent)
{
    public static int HeaderLength => RoundBasedParty<KeyShare>.HeaderLength;

    public static byte[] BodyOf(ProtocolMessage message) => message.Payload[HeaderLength..];

    public byte[] Flip(int offset, byte mask = 0x01)
    {
        var copy = (byte[])Body.Clone();
        copy[offset < 0 ? copy.Length + offset : offset] ^= mask;
        return copy;
    }
}
