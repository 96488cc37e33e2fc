using MpcWallet.Mpc.KeyShares;
using MpcWallet.Mpc.Protocol;

namespace MpcWallet.Mpc.Tests.Keygen;

/// <summary>One 2-of-3 key generation and one refresh of it, with their transcripts, shared by a test class.</summary>
public sealed class KeygenFixture
{
    public const int Seed = 31;
    public const int RefreshSeed = 32;

    public KeygenFixture()
    {
        var keygenTranscript = new List<ProtocolMessage>();
        Shares = KeygenHarness.RunKeygen(2, 3, Seed, transcript: keygenTranscript);
        KeygenTranscript = keygenTranscript;
        var refreshTranscript = new List<ProtocolMessage>();
        Refreshed = KeygenHarness.RunRefresh(Shares, RefreshSeed, transcript: refreshTranscript);
        RefreshTranscript = refreshTranscript;
    }

    internal IReadOnlyDictionary<int, KeyShare> Shares { get; }

    internal IReadOnlyList<ProtocolMessage> KeygenTranscript { get; }

    internal IReadOnlyDictionary<int, KeyShare> Refreshed { get; }

    internal IReadOnlyList<ProtocolMessage> RefreshTranscript { get; }
}
