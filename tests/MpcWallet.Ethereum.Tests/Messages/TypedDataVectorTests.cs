using System.Text;
using System.Text.Json;
using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Hashing;
using MpcWallet.Ethereum.Messages;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Signatures;
using MpcWallet.Ethereum.Tests.TestSupport;

namespace MpcWallet.Ethereum.Tests.Messages;

public sealed class TypedDataVectorTests
{
    [Fact]
    public void EIP_712_Mail_example_from_Example_js_matches_every_intermediate_value_and_the_signature()
    {
        using var file = TestVectors.Load("eips/eip-712-mail.json");
        var expected = file.RootElement.GetProperty("expected");
        var typedData = TypedData.FromJson(file.RootElement.GetProperty("typedData"));

        Assert.Equal(expected.GetProperty("encodeTypeMail").GetString(), typedData.Types.EncodeType("Mail"));
        Assert.Equal(expected.GetProperty("typeHashMail").GetString(), HexBytes.ToHex(typedData.Types.TypeHash("Mail")));
        Assert.Equal(expected.GetProperty("encodeDataMessage").GetString(), HexBytes.ToHex(typedData.Types.EncodeData("Mail", typedData.Message)));
        Assert.Equal(expected.GetProperty("hashStructMessage").GetString(), HexBytes.ToHex(typedData.HashMessage()));
        Assert.Equal(expected.GetProperty("domainSeparator").GetString(), HexBytes.ToHex(typedData.DomainSeparator()));
        Assert.Equal(expected.GetProperty("signingHash").GetString(), HexBytes.ToHex(typedData.Hash()));

        var signer = new TestKey(Keccak256.Hash(Encoding.ASCII.GetBytes(expected.GetProperty("privateKeyIsKeccakOfAscii").GetString()!)));
        var signature = signer.Sign(typedData.Hash());
        Assert.Equal(expected.GetProperty("address").GetString(), EthereumAddress.FromPublicKey(signer.PublicKey).ToLowerHex());
        Assert.Equal(expected.GetProperty("v").GetInt32(), 27 + signature.YParity);
        Assert.Equal(expected.GetProperty("r").GetString(), HexBytes.ToHex(signature.R.ToBigEndian32()));
        Assert.Equal(expected.GetProperty("s").GetString(), HexBytes.ToHex(signature.S.ToBigEndian32()));
    }

    [Fact]
    public void EIP_712_Mail_example_parses_from_a_json_string_too()
    {
        using var file = TestVectors.Load("eips/eip-712-mail.json");
        var json = file.RootElement.GetProperty("typedData").GetRawText();

        Assert.Equal(file.RootElement.GetProperty("expected").GetProperty("signingHash").GetString(), HexBytes.ToHex(TypedData.Parse(json).Hash()));
    }

    public static TheoryData<string> EncodeDataCases()
    {
        using var file = TestVectors.Load("eth-sig-util/sign-typed-data-v4.json");
        return new TheoryData<string>(file.RootElement.GetProperty("encodeData").EnumerateArray().Select(c => c.GetProperty("name").GetString()!));
    }

    [Theory]
    [MemberData(nameof(EncodeDataCases))]
    public void Eth_sig_util_V4_encodeData_snapshot_matches(string name)
    {
        using var file = TestVectors.Load("eth-sig-util/sign-typed-data-v4.json");
        var vector = file.RootElement.GetProperty("encodeData").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
        var types = TypedDataTypes.FromJson(vector.GetProperty("types"));

        var encoded = types.EncodeData(vector.GetProperty("primaryType").GetString()!, vector.GetProperty("message"));

        Assert.Equal(vector.GetProperty("encodeData").GetString(), HexBytes.ToHex(encoded));
    }

    [Fact]
    public void Eth_sig_util_V4_arrays_of_structs_and_of_addresses_encode_hash_and_sign_as_in_the_snapshots()
    {
        using var file = TestVectors.Load("eth-sig-util/sign-typed-data-v4.json");
        var vector = file.RootElement.GetProperty("customArray");
        var types = TypedDataTypes.FromJson(vector.GetProperty("types"));

        Assert.Equal(vector.GetProperty("encodeData").GetString(), HexBytes.ToHex(types.EncodeData("Mail", vector.GetProperty("message"))));
        Assert.Equal(vector.GetProperty("hashStruct").GetString(), HexBytes.ToHex(types.HashStruct("Mail", vector.GetProperty("message"))));

        var signed = vector.GetProperty("signTypedData");
        var typedData = TypedData.FromJson(signed.GetProperty("typedData"));
        var signature = Signature.FromRsv(HexBytes.Parse(signed.GetProperty("signature").GetString()!));
        var signer = TestKey.FromHex(file.RootElement.GetProperty("source").GetProperty("privateKey").GetString()!);
        Assert.Equal(EthereumAddress.FromPublicKey(signer.PublicKey), SignatureRecovery.RecoverAddress(typedData.Hash(), signature));
        Assert.Equal(signed.GetProperty("signature").GetString(), HexBytes.ToHex(signer.Sign(typedData.Hash()).ToRsv()));

        // Upstream spells one address with a broken EIP-55 checksum; a strict parser refuses that spelling.
        var upstream = signed.GetProperty("typedData").GetRawText().Replace(
            vector.GetProperty("upstreamInvalidChecksumAddress").GetString()!.ToLowerInvariant(),
            vector.GetProperty("upstreamInvalidChecksumAddress").GetString()!,
            StringComparison.Ordinal);
        Assert.Contains("EIP-55", Assert.Throws<TypedDataException>(() => TypedData.Parse(upstream)).Message, StringComparison.Ordinal);
    }

    public static TheoryData<string> HashTypeCases()
    {
        using var file = TestVectors.Load("eth-sig-util/sign-typed-data-v4.json");
        return new TheoryData<string>(file.RootElement.GetProperty("hashType").EnumerateArray().Select(c => c.GetProperty("name").GetString()!));
    }

    [Theory]
    [MemberData(nameof(HashTypeCases))]
    public void Eth_sig_util_encodeType_and_hashType_match_including_arrays_and_recursion(string name)
    {
        using var file = TestVectors.Load("eth-sig-util/sign-typed-data-v4.json");
        var vector = file.RootElement.GetProperty("hashType").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
        var types = TypedDataTypes.FromJson(vector.GetProperty("types"));
        var primary = vector.GetProperty("primaryType").GetString()!;

        Assert.Equal(vector.GetProperty("encodeType").GetString(), types.EncodeType(primary));
        Assert.Equal(vector.GetProperty("typeHash").GetString(), HexBytes.ToHex(types.TypeHash(primary)));
    }

    [Fact]
    public void Dependencies_are_sorted_by_name_after_the_primary_type()
    {
        using var document = JsonDocument.Parse("""
            { "Z": [{"name":"b","type":"B[]"},{"name":"a","type":"A"}],
              "B": [{"name":"a","type":"A[2]"}],
              "A": [{"name":"x","type":"uint8"}] }
            """);
        var types = TypedDataTypes.FromJson(document.RootElement);

        Assert.Equal("Z(B[] b,A a)A(uint8 x)B(A[2] a)", types.EncodeType("Z"));
        Assert.Equal("B(A[2] a)A(uint8 x)", types.EncodeType("B"));
    }
}
