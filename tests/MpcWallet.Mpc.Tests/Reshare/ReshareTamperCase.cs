using MpcWallet.Mpc.Tests.Keygen;

namespace MpcWallet.Mpc.Tests.Reshare;

/// <summary>
/// One malicious-sender scenario of the reshare fixture: party <see cref="Sender"/> changes its round-<see cref="Round"/>
/// broadcast or direct body towards <see cref="Targets"/> (default: every recipient). <see cref="Expected"/> lists the
/// acceptable (check, culprit) verdicts at every <see cref="Detectors"/> party (default: the targets).
/// </summary>
public sealed record ReshareTamperCase(
    string Name,
    int Sender,
    int Round,
    bool Direct,
    Func<TamperContext, byte[]> Mutate,
    (string Check, int? Culprit)[] Expected,
    int[]? Targets = null,
    int[]? Detectors = null,
    bool RewritesSessionDigest = false)
{
    public override string ToString() => Name;
}
