namespace MpcWallet.Ethereum.Abi;

/// <summary>address: a 20-byte account, encoded as a uint160. Values are <see cref="Addresses.EthereumAddress"/>.</summary>
public sealed class AbiAddressType : AbiType
{
    private AbiAddressType()
    {
    }

    public static AbiAddressType Instance { get; } = new();

    public override string CanonicalName => "address";

    public override bool IsDynamic => false;

    internal override int HeadSize => 32;
}
