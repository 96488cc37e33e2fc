using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Tests.TestSupport;

namespace MpcWallet.Ethereum.Tests.Anvil;

/// <summary>Anvil's public, well-known dev account 0 (mnemonic "test test … junk"): a throwaway test key, funded with 10 000 ETH.</summary>
internal static class AnvilAccounts
{
    public const string DevKey0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    public static DeterministicSigner Signer0 { get; } = DeterministicSigner.FromHex(DevKey0);

    public static EthereumAddress Address0 { get; } = EthereumAddress.Parse("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");

    public static EthereumAddress FreshRecipient()
    {
        var bytes = new byte[20];
        Random.Shared.NextBytes(bytes);
        return EthereumAddress.FromBytes(bytes);
    }
}
