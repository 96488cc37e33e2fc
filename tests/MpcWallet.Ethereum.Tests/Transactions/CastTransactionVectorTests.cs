using System.Text.Json;
using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Tests.TestSupport;
using MpcWallet.Ethereum.Transactions;

namespace MpcWallet.Ethereum.Tests.Transactions;

/// <summary>Transactions made by Foundry's cast 1.7.1 (TestVectors/cast/cast-vectors.json): decode them, and rebuild them byte for byte.</summary>
public sealed class CastTransactionVectorTests
{
    public static TheoryData<string> Names()
    {
        using var file = TestVectors.Load("cast/cast-vectors.json");
        return new TheoryData<string>(file.RootElement.GetProperty("transactions").EnumerateArray().Select(t => t.GetProperty("name").GetString()!));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Cast_transaction_decodes_to_cast_fields_and_is_rebuilt_identically(string name)
    {
        using var file = TestVectors.Load("cast/cast-vectors.json");
        var vector = file.RootElement.GetProperty("transactions").EnumerateArray().Single(t => t.GetProperty("name").GetString() == name);
        var fields = vector.GetProperty("decoded");
        var raw = vector.GetProperty("raw").GetString()!;

        var decoded = TransactionDecoder.Decode(raw);

        Assert.Equal(vector.GetProperty("hash").GetString(), decoded.HashHex);
        Assert.Equal(fields.GetProperty("signer").GetString(), decoded.Sender.ToLowerHex());
        Assert.Equal(Quantity(fields, "type"), (ulong)decoded.Type);
        Assert.Equal(Quantity(fields, "chainId"), decoded.Transaction.ChainId);
        Assert.Equal(Quantity(fields, "nonce"), decoded.Transaction.Nonce);
        Assert.Equal(Quantity(fields, "gas"), decoded.Transaction.GasLimit);
        Assert.Equal(UInt256.ParseQuantity(fields.GetProperty("value").GetString()!), decoded.Transaction.Value);
        Assert.Equal(fields.GetProperty("input").GetString(), HexBytes.ToHex(decoded.Transaction.Data.Span));
        Assert.Equal(UInt256.ParseQuantity(fields.GetProperty("r").GetString()!), decoded.Signature.R);
        Assert.Equal(UInt256.ParseQuantity(fields.GetProperty("s").GetString()!), decoded.Signature.S);

        var rebuilt = Rebuild(fields);
        var signer = TestKey.FromHex(file.RootElement.GetProperty("source").GetProperty("privateKey").GetString()!);
        Assert.Equal(raw, rebuilt.Sign(signer.Sign(rebuilt.GetSigningHash())).RawHex);
    }

    private static Transaction Rebuild(JsonElement fields)
    {
        var to = fields.TryGetProperty("to", out var toElement) && toElement.ValueKind == JsonValueKind.String
            ? EthereumAddress.Parse(toElement.GetString()!)
            : null;
        var data = HexBytes.Parse(fields.GetProperty("input").GetString()!);
        var value = UInt256.ParseQuantity(fields.GetProperty("value").GetString()!);
        var chainId = Quantity(fields, "chainId");
        var accessList = fields.TryGetProperty("accessList", out var list)
            ? list.EnumerateArray().Select(entry => new AccessListEntry(
                EthereumAddress.Parse(entry.GetProperty("address").GetString()!),
                entry.GetProperty("storageKeys").EnumerateArray().Select(key => HexBytes.Parse(key.GetString()!)))).ToList()
            : [];
        return Quantity(fields, "type") switch
        {
            0 => new LegacyTransaction(chainId, Quantity(fields, "nonce"), UInt256.ParseQuantity(fields.GetProperty("gasPrice").GetString()!), Quantity(fields, "gas"), to, value, data),
            1 => new AccessListTransaction(chainId, Quantity(fields, "nonce"), UInt256.ParseQuantity(fields.GetProperty("gasPrice").GetString()!), Quantity(fields, "gas"), to, value, data, accessList),
            _ => new Eip1559Transaction(
                chainId,
                Quantity(fields, "nonce"),
                UInt256.ParseQuantity(fields.GetProperty("maxPriorityFeePerGas").GetString()!),
                UInt256.ParseQuantity(fields.GetProperty("maxFeePerGas").GetString()!),
                Quantity(fields, "gas"),
                to,
                value,
                data,
                accessList),
        };
    }

    private static ulong Quantity(JsonElement fields, string name) => (ulong)UInt256.ParseQuantity(fields.GetProperty(name).GetString()!);
}
