namespace MpcWallet.Node.Sessions;

/// <summary>
/// What a wallet's key may sign, as fixed in its key-generation command and stored by the node with its share
/// (sealed with it: <c>NodeVault</c>). Enforced at every signing command, whatever the coordinator says later.
/// </summary>
/// <param name="AllowRawDigest">whether a signing command may carry a raw digest, whose pre-image nobody can check.</param>
internal sealed record KeyPolicy(bool AllowRawDigest)
{
    /// <summary>A key generated before policies existed: raw digests were the only way to sign then, so they stay allowed.</summary>
    public static KeyPolicy BeforePolicies { get; } = new(AllowRawDigest: true);

    /// <summary>A key-generation command without a policy gets the strictest one.</summary>
    public static KeyPolicy Strictest { get; } = new(AllowRawDigest: false);
}
