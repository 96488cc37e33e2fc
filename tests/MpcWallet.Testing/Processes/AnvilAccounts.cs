using MpcWallet.Ethereum.Addresses;

namespace MpcWallet.Testing.Processes;

/// <summary>
/// Anvil's public, well-known development account 0 (mnemonic "test test … junk"): unlocked and funded with
/// 10 000 ETH on every Anvil. A throwaway key that everybody knows; never hold value with it.
/// </summary>
public static class AnvilAccounts
{
    public const string PrivateKey0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    public static TestKey Key0 { get; } = TestKey.FromHex(PrivateKey0);

    public static EthereumAddress Address0 { get; } = EthereumAddress.Parse("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");

    /// <summary>A random address nobody holds a key for: a recipient that starts with nothing.</summary>
    public static EthereumAddress FreshRecipient() => EthereumAddress.FromBytes(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20));
}
