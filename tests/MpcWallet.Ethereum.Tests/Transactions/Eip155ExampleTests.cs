using System.Numerics;
using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Tests.TestSupport;
using MpcWallet.Ethereum.Transactions;

namespace MpcWallet.Ethereum.Tests.Transactions;

/// <summary>The worked example of ethereum/EIPs EIPS/eip-155.md ("Example").</summary>
public sealed class Eip155ExampleTests
{
    [Fact]
    public void EIP_155_example_signing_data_hash_signature_and_signed_transaction_match()
    {
        using var file = TestVectors.Load("eips/eip-155-example.json");
        var vector = file.RootElement;
        var fields = vector.GetProperty("transaction");
        var transaction = new LegacyTransaction(
            chainId: fields.GetProperty("chainId").GetUInt64(),
            nonce: fields.GetProperty("nonce").GetUInt64(),
            gasPrice: UInt256.Parse(fields.GetProperty("gasPrice").GetString()!),
            gasLimit: fields.GetProperty("gasLimit").GetUInt64(),
            to: EthereumAddress.Parse(fields.GetProperty("to").GetString()!),
            value: UInt256.Parse(fields.GetProperty("value").GetString()!),
            data: HexBytes.Parse(fields.GetProperty("data").GetString()!));

        Assert.Equal(vector.GetProperty("signingData").GetString(), HexBytes.ToHex(transaction.GetSigningPayload()));
        Assert.Equal(vector.GetProperty("signingHash").GetString(), HexBytes.ToHex(transaction.GetSigningHash()));

        var signer = TestKey.FromHex(vector.GetProperty("privateKey").GetString()!);
        var signed = transaction.Sign(signer.Sign(transaction.GetSigningHash()));

        Assert.Equal(UInt256.Parse(vector.GetProperty("r").GetString()!), signed.Signature.R);
        Assert.Equal(UInt256.Parse(vector.GetProperty("s").GetString()!), signed.Signature.S);
        Assert.Equal(new BigInteger(vector.GetProperty("v").GetInt32()), signed.V);
        Assert.Equal(vector.GetProperty("signedTransaction").GetString(), signed.RawHex);
        Assert.Equal("0x9d8a62f656a8d1615c1294fd71e9cfb3e4855a4f", signed.Sender.ToLowerHex());
        Assert.Equal(EthereumAddress.FromPublicKey(signer.PublicKey), signed.Sender);
    }

    [Fact]
    public void EIP_155_example_signed_transaction_decodes_to_the_same_fields_and_sender()
    {
        using var file = TestVectors.Load("eips/eip-155-example.json");
        var vector = file.RootElement;

        var decoded = TransactionDecoder.Decode(vector.GetProperty("signedTransaction").GetString()!);

        var legacy = Assert.IsType<LegacyTransaction>(decoded.Transaction);
        Assert.Equal(1UL, legacy.ChainId);
        Assert.Equal(9UL, legacy.Nonce);
        Assert.Equal(UInt256.Parse("20000000000"), legacy.GasPrice);
        Assert.Equal(21000UL, legacy.GasLimit);
        Assert.Equal(UInt256.Parse("1000000000000000000"), legacy.Value);
        Assert.True(legacy.Data.IsEmpty);
        Assert.Equal(vector.GetProperty("signingHash").GetString(), HexBytes.ToHex(legacy.GetSigningHash()));
        Assert.Equal("0x9d8a62f656a8d1615c1294fd71e9cfb3e4855a4f", decoded.Sender.ToLowerHex());
        Assert.Equal(new BigInteger(37), decoded.V);
    }
}
