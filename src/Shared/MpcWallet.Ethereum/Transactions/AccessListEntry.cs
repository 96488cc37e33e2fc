using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Rlp;

namespace MpcWallet.Ethereum.Transactions;

/// <summary>One EIP-2930 access-list entry: an address and the 32-byte storage keys touched under it.</summary>
public sealed class AccessListEntry
{
    public const int StorageKeyLength = 32;

    public AccessListEntry(EthereumAddress address, IEnumerable<byte[]> storageKeys)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(storageKeys);
        var keys = new List<ReadOnlyMemory<byte>>();
        foreach (var key in storageKeys)
        {
            if (key is null || key.Length != StorageKeyLength)
            {
                throw new ArgumentException("Every storage key must be 32 bytes.", nameof(storageKeys));
            }

            keys.Add((byte[])key.Clone());
        }

        Address = address;
        StorageKeys = keys.AsReadOnly();
    }

    public EthereumAddress Address { get; }

    public IReadOnlyList<ReadOnlyMemory<byte>> StorageKeys { get; }

    internal byte[] Encode()
    {
        var keys = new byte[StorageKeys.Count][];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = RlpEncoder.EncodeBytes(StorageKeys[i].Span);
        }

        return RlpEncoder.EncodeList(RlpEncoder.EncodeBytes(Address.Bytes), RlpEncoder.EncodeList(keys));
    }

    internal static byte[] EncodeList(IReadOnlyList<AccessListEntry> entries)
    {
        var encoded = new byte[entries.Count][];
        for (var i = 0; i < encoded.Length; i++)
        {
            encoded[i] = entries[i].Encode();
        }

        return RlpEncoder.EncodeList(encoded);
    }
}
