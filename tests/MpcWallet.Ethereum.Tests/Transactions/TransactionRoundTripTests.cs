using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Tests.TestSupport;
using MpcWallet.Ethereum.Transactions;

namespace MpcWallet.Ethereum.Tests.Transactions;

/// <summary>encode → decode → encode for seeded random transactions of each type.</summary>
public sealed class TransactionRoundTripTests
{
    [Theory]
    [InlineData(TransactionType.Legacy)]
    [InlineData(TransactionType.AccessList)]
    [InlineData(TransactionType.DynamicFee)]
    public void Random_signed_transactions_round_trip_with_their_fields_hash_and_sender(TransactionType type)
    {
        var random = new Random(1000 + (int)type);
        for (var i = 0; i < 150; i++)
        {
            var transaction = RandomTransactions.Next(random, type);
            var signer = new TestKey(RandomTransactions.PrivateKey(random));
            var signed = transaction.Sign(signer.Sign(transaction.GetSigningHash()));

            var decoded = TransactionDecoder.Decode(signed.RawBytes.Span);
            var reencoded = decoded.Transaction.Sign(decoded.Signature);

            Assert.Equal(signed.RawHex, reencoded.RawHex);
            Assert.Equal(signed.HashHex, decoded.HashHex);
            Assert.Equal(EthereumAddress.FromPublicKey(signer.PublicKey), decoded.Sender);
            Assert.Equal(type, decoded.Type);
            Assert.Equal(transaction.ChainId, decoded.Transaction.ChainId);
            Assert.Equal(transaction.Nonce, decoded.Transaction.Nonce);
            Assert.Equal(transaction.GasLimit, decoded.Transaction.GasLimit);
            Assert.Equal(transaction.To, decoded.Transaction.To);
            Assert.Equal(transaction.Value, decoded.Transaction.Value);
            Assert.Equal(transaction.Data.ToArray(), decoded.Transaction.Data.ToArray());
            Assert.Equal(transaction.GetSigningPayload(), decoded.Transaction.GetSigningPayload());
        }
    }

    [Fact]
    public void Legacy_v_for_chain_31337_is_62709_or_62710_and_typed_parity_is_0_or_1()
    {
        var random = new Random(5);
        var legacy = new LegacyTransaction(31337, 0, 1, 21000, EthereumAddress.Zero, 0, []);
        var signed = legacy.Sign(new TestKey(RandomTransactions.PrivateKey(random)).Sign(legacy.GetSigningHash()));

        Assert.Contains((int)signed.V, new[] { 62709, 62710 });

        var typed = new Eip1559Transaction(31337, 0, 1, 2, 21000, null, 0, []);
        var signedTyped = typed.Sign(new TestKey(RandomTransactions.PrivateKey(random)).Sign(typed.GetSigningHash()));
        Assert.Contains((int)signedTyped.V, new[] { 0, 1 });
        Assert.Equal(0x02, signedTyped.RawBytes.Span[0]);
    }
}
