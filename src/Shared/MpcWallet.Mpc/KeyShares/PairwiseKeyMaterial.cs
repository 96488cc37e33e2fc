using System.Security.Cryptography;
using MpcWallet.Mpc.Ot;

namespace MpcWallet.Mpc.KeyShares;

/// <summary>
/// What party i keeps about counterparty j after key generation: the shared zero-share seed, the OT-extension
/// sender state for pair (i → j) — i is RVOLE Alice, j is Bob — and the receiver state for pair (j → i).
/// </summary>
public sealed class PairwiseKeyMaterial
{
    public PairwiseKeyMaterial(int counterparty, byte[] zeroShareSeed, OtExtensionSenderSeeds asSender, OtExtensionReceiverSeeds asReceiver)
    {
        if (zeroShareSeed.Length != 32)
        {
            throw new ArgumentException("zero-share seed is 32 bytes", nameof(zeroShareSeed));
        }

        Counterparty = counterparty;
        ZeroShareSeed = zeroShareSeed;
        AsSender = asSender;
        AsReceiver = asReceiver;
    }

    public int Counterparty { get; }

    /// <summary>Seed shared by this pair only; evaluated per signing session into pairwise zero shares.</summary>
    public byte[] ZeroShareSeed { get; }

    public OtExtensionSenderSeeds AsSender { get; }

    public OtExtensionReceiverSeeds AsReceiver { get; }

    public void Clear()
    {
        CryptographicOperations.ZeroMemory(ZeroShareSeed);
        AsSender.Clear();
        AsReceiver.Clear();
    }
}
