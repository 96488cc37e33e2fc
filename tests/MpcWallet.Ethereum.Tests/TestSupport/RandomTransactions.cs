using System.Numerics;
using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Transactions;

namespace MpcWallet.Ethereum.Tests.TestSupport;

/// <summary>Seeded random transactions of every type, with edge values (0, 2^64−1, 2^256−1, empty/long data, contract creation).</summary>
internal static class RandomTransactions
{
    public static Transaction Next(Random random, TransactionType type)
    {
        var chainId = random.Next(4) switch
        {
            0 => 1UL,
            1 => 31337UL,
            2 => Transaction.MaxChainId,
            _ => (ulong)random.NextInt64(1, long.MaxValue / 2),
        };
        var nonce = Pick(random, 0UL, ulong.MaxValue, (ulong)random.NextInt64());
        var gasLimit = Pick(random, 0UL, ulong.MaxValue, (ulong)random.Next(21000, 30_000_000));
        var to = random.Next(5) == 0 ? null : EthereumAddress.FromBytes(Bytes(random, 20));
        var value = Amount(random);
        var data = Bytes(random, random.Next(4) switch { 0 => 0, 1 => random.Next(1, 56), 2 => random.Next(56, 600), _ => 1 });
        var accessList = Enumerable.Range(0, random.Next(0, 4))
            .Select(_ => new AccessListEntry(EthereumAddress.FromBytes(Bytes(random, 20)), Enumerable.Range(0, random.Next(0, 4)).Select(_ => Bytes(random, 32)).ToList()))
            .ToList();
        switch (type)
        {
            case TransactionType.Legacy:
                return new LegacyTransaction(random.Next(6) == 0 ? null : chainId, nonce, Amount(random), gasLimit, to, value, data);
            case TransactionType.AccessList:
                return new AccessListTransaction(chainId, nonce, Amount(random), gasLimit, to, value, data, accessList);
            default:
                var tip = Amount(random);
                var maxFee = UInt256.FromBigInteger(BigInteger.Min(tip.ToBigInteger() + Amount(random).ToBigInteger(), UInt256.MaxValue.ToBigInteger()));
                return new Eip1559Transaction(chainId, nonce, tip, maxFee, gasLimit, to, value, data, accessList);
        }
    }

    public static byte[] PrivateKey(Random random)
    {
        // Below n with overwhelming probability; the signer's constructor rejects the rest.
        var key = Bytes(random, 32);
        key[0] &= 0x7f;
        key[31] |= 1;
        return key;
    }

    private static UInt256 Amount(Random random) => random.Next(5) switch
    {
        0 => UInt256.Zero,
        1 => UInt256.MaxValue,
        2 => (UInt256)(ulong)random.Next(1, 128),
        _ => UInt256.FromBigEndian(Bytes(random, random.Next(1, 33))),
    };

    private static ulong Pick(Random random, ulong a, ulong b, ulong other) => random.Next(4) switch
    {
        0 => a,
        1 => b,
        _ => other,
    };

    private static byte[] Bytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
