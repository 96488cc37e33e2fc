using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.KeyShares;

namespace MpcWallet.Mpc.Reshare;

/// <summary>
/// What a completed reshare gives a participant. A new holder gets its <see cref="Share"/> of the new generation; a
/// dealer that is not a new holder gets none (its old share is now of a superseded generation) but learns, with the
/// same checks as everyone, that every new holder confirmed the same key with consistent public shares — the signal on
/// which its node may erase the old share once the new generation is committed everywhere.
/// </summary>
public sealed class ReshareResult
{
    internal ReshareResult(KeyShare? share, int threshold, uint generation, byte[] keyId, Point publicKey, IReadOnlyList<Point> publicShares)
    {
        Share = share;
        Threshold = threshold;
        Generation = generation;
        KeyId = keyId;
        PublicKey = publicKey;
        PublicShares = publicShares;
    }

    /// <summary>This party's new key share, or null when it only dealt.</summary>
    public KeyShare? Share { get; }

    public int Threshold { get; }

    public int PartyCount => PublicShares.Count;

    /// <summary>The old generation + 1.</summary>
    public uint Generation { get; }

    /// <summary>The reshare's agreed session digest: the new shares' key id.</summary>
    public byte[] KeyId { get; }

    public Point PublicKey { get; }

    /// <summary>The new public shares S′_1..S′_n′ (new index k at position k − 1).</summary>
    public IReadOnlyList<Point> PublicShares { get; }
}
