using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Rlp;
using MpcWallet.Ethereum.Tests.TestSupport;
using MpcWallet.Ethereum.Transactions;

namespace MpcWallet.Ethereum.Tests.Transactions;

/// <summary>ethereumjs/ethereumjs-monorepo packages/tx/test/json/eip1559.json: ten signed type-2 transactions, chain 7822.</summary>
public sealed class EthereumJsEip1559Tests
{
    public static TheoryData<int> Indexes() => new(Enumerable.Range(0, 10));

    [Theory]
    [MemberData(nameof(Indexes))]
    public void Ethereumjs_eip1559_vector_is_reproduced_by_our_encoder_and_an_RFC6979_signer(int index)
    {
        using var file = TestVectors.Load("ethereumjs/eip1559.json");
        var vector = file.RootElement.GetProperty("vectors")[index];
        var wrapped = TestVectors.Hex(vector.GetProperty("signedTransactionRLP").GetString()!);
        var envelope = RlpDecoder.Decode(wrapped).ToArray(); // the fixture wraps the envelope as an RLP byte string
        var transaction = new Eip1559Transaction(
            chainId: 7822,
            nonce: vector.GetProperty("nonce").GetUInt64(),
            maxPriorityFeePerGas: vector.GetProperty("maxInclusionFeePerGas").GetUInt64(),
            maxFeePerGas: vector.GetProperty("maxFeePerGas").GetUInt64(),
            gasLimit: vector.GetProperty("gasLimit").GetUInt64(),
            to: EthereumAddress.Parse(vector.GetProperty("to").GetString()!),
            value: vector.GetProperty("value").GetUInt64(),
            data: []);
        var signer = TestKey.FromHex(vector.GetProperty("privateKey").GetString()!);

        var signed = transaction.Sign(signer.Sign(transaction.GetSigningHash()));

        Assert.Equal(HexBytes.ToHex(envelope), signed.RawHex);
        var decoded = TransactionDecoder.Decode(envelope);
        Assert.Equal(EthereumAddress.FromPublicKey(signer.PublicKey), decoded.Sender);
        Assert.Equal(signed.HashHex, decoded.HashHex);
        Assert.Throws<TransactionDecodingException>(() => TransactionDecoder.Decode(wrapped));
    }
}
